package harness

import (
	abci "github.com/cometbft/cometbft/abci/types"
)

// DoubleSign reports, in the next block, that v signed two blocks at
// infractionHeight (CometBFT duplicate-vote evidence, with v's power at that
// height): x/evidence then slashes v through the app's slashing keeper,
// jails and tombstones it. The real evidence path, hooks included.
func (c *Chain) DoubleSign(v *Validator, infractionHeight, power int64) {
	c.t.Helper()
	total := int64(0)
	for _, val := range c.BondedValidators() {
		total += val.ConsensusPower(c.App.StakingKeeper.PowerReduction(c.Context()))
	}
	c.evidence = append(c.evidence, abci.Misbehavior{
		Type:             abci.MisbehaviorType_DUPLICATE_VOTE,
		Validator:        abci.Validator{Address: v.ConsAddr, Power: power},
		Height:           infractionHeight,
		Time:             c.time,
		TotalVotingPower: total,
	})
}
