package harness

import (
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
)

// GovAuthority is the address gov executes proposal messages as: the
// `authority` of every module's privileged messages.
func (c *Chain) GovAuthority() string {
	return c.App.AccountKeeper.GetModuleAddress(govtypes.ModuleName).String()
}

// PassProposal submits msgs as a gov v1 proposal with the minimum deposit
// (paid by the faucet), has every genesis validator vote yes, lets the voting
// period end and returns the final proposal. It fails the test if the
// proposal does not pass.
func (c *Chain) PassProposal(title string, msgs ...sdk.Msg) *govv1.Proposal {
	c.t.Helper()
	p := c.SubmitAndVote(title, msgs...)
	if p.Status != govv1.StatusPassed {
		c.t.Fatalf("proposal %d %q ended %s: %s", p.Id, title, p.Status, p.FailedReason)
	}
	return p
}

// SubmitAndVote is PassProposal without the assertion: it returns the
// proposal after its voting period, whatever its status.
func (c *Chain) SubmitAndVote(title string, msgs ...sdk.Msg) *govv1.Proposal {
	c.t.Helper()
	ctx := c.Context()
	params, err := c.App.GovKeeper.Params.Get(ctx)
	if err != nil {
		c.t.Fatalf("gov params: %v", err)
	}
	faucet := c.Account(FaucetName)
	submit, err := govv1.NewMsgSubmitProposal(msgs, params.MinDeposit, faucet.Address.String(),
		"", title, "submitted by the e2e harness", false)
	if err != nil {
		c.t.Fatalf("build proposal: %v", err)
	}
	res := c.MustDeliver(faucet, submit)
	idAttr, ok := Attr(res.Events, govtypes.EventTypeSubmitProposal, govtypes.AttributeKeyProposalID)
	if !ok {
		c.t.Fatalf("no proposal id in submit events")
	}
	var id uint64
	if _, err := fmt.Sscan(idAttr, &id); err != nil {
		c.t.Fatalf("proposal id %q: %v", idAttr, err)
	}
	for _, v := range c.validators {
		c.MustDeliver(v.Operator, govv1.NewMsgVote(v.Operator.Address, id, govv1.OptionYes, ""))
	}
	c.AdvanceTime(*params.VotingPeriod)
	p, err := c.App.GovKeeper.Proposals.Get(c.Context(), id)
	if err != nil {
		c.t.Fatalf("read proposal %d: %v", id, err)
	}
	return &p
}
