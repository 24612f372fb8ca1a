package app

import (
	"sort"
	"strconv"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"

	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// govOutcomes counts how the simulation's x/alliance governance proposals
// ended, per kind of message (a delete split by whether it found stake to
// wind down) and per result: "passed" (executed), "failed" (passed the vote,
// refused by the module at execution: e.g. the denom was listed meanwhile),
// "rejected" or "dropped" (never executed).
type govOutcomes map[string]map[string]int

// record reads the proposals x/gov's EndBlock just ended from the block's
// end events (res) and counts the x/alliance ones; ctx is the state right
// after the EndBlock.
func (o govOutcomes) record(ctx sdk.Context, app *AllianceApp, res sdk.EndBlock) {
	for _, ev := range res.Events {
		if ev.Type != govtypes.EventTypeActiveProposal {
			continue
		}
		var id uint64
		var result string
		for _, a := range ev.Attributes {
			switch a.Key {
			case govtypes.AttributeKeyProposalID:
				id, _ = strconv.ParseUint(a.Value, 10, 64)
			case govtypes.AttributeKeyProposalResult:
				result = a.Value
			}
		}
		p, err := app.GovKeeper.Proposals.Get(ctx, id)
		if err != nil {
			continue // a proposal x/gov no longer stores
		}
		msgs, err := p.GetMsgs()
		if err != nil {
			continue
		}
		for _, m := range msgs {
			if kind := allianceProposalKind(ctx, app, m); kind != "" {
				o.add(kind, outcomeOf(result))
			}
		}
	}
}

func (o govOutcomes) add(kind, outcome string) {
	if o[kind] == nil {
		o[kind] = map[string]int{}
	}
	o[kind][outcome]++
}

// allianceProposalKind names an x/alliance gov message ("" for another
// module's). A passed delete is "with stake" when it started a wind-down
// (the asset is still there, delisting) and "empty" when it removed the
// asset at once; a delete that did not pass is "not executed".
func allianceProposalKind(ctx sdk.Context, app *AllianceApp, m sdk.Msg) string {
	switch msg := m.(type) {
	case *alliancetypes.MsgCreateAlliance:
		return "create"
	case *alliancetypes.MsgUpdateAlliance:
		return "update"
	case *alliancetypes.MsgUpdateParams:
		return "params"
	case *alliancetypes.MsgDeleteAlliance:
		a, err := app.AllianceKeeper.Assets.Get(ctx, msg.Denom)
		switch {
		case err == nil && a.Delisting():
			return "delete (with stake)"
		case err != nil:
			return "delete (empty or not executed)"
		default:
			return "delete (not executed)"
		}
	}
	return ""
}

func outcomeOf(result string) string {
	switch result {
	case govtypes.AttributeValueProposalPassed:
		return "passed"
	case govtypes.AttributeValueProposalFailed:
		return "failed"
	case govtypes.AttributeValueProposalRejected:
		return "rejected"
	default:
		return "dropped"
	}
}

// executed is the number of proposals of kind that passed the vote and
// were executed by the module.
func (o govOutcomes) executed(kind string) int { return o[kind]["passed"] }

// kinds lists the kinds seen, sorted (for the log).
func (o govOutcomes) kinds() []string {
	out := make([]string, 0, len(o))
	for k := range o {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
