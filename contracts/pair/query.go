package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func query(deps *std.Deps, env std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return nil, err
	}
	switch {
	case msg.Config != nil:
		return cfg.answer(), nil
	case msg.Pool != nil:
		res, err := reserves.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		return PoolResponse{
			Assets:     [2]Asset{nativeAsset(cfg.Denoms[0], res.Amounts[0]), nativeAsset(cfg.Denoms[1], res.Amounts[1])},
			TotalShare: res.TotalShare,
		}.answer(), nil
	case msg.Simulation != nil:
		res, err := reserves.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		q, err := computeSwap(cfg, res, msg.Simulation.OfferAsset, msg.Simulation.AskAssetInfo)
		if err != nil {
			return nil, err
		}
		return SimulationResponse{ReturnAmount: q.ret, SpreadAmount: q.spreadAmount, CommissionAmount: q.commission}.answer(), nil
	case msg.CumulativePrices != nil:
		res, err := reserves.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		if err := accrue(&res, env.Block.Time.Seconds()); err != nil {
			return nil, err
		}
		return CumulativePricesResponse{Denoms: cfg.Denoms, Cumulative: res.Cumulative, LiquidSeconds: res.LiquidSeconds, Time: res.LastTime}.answer(), nil
	case msg.Share != nil:
		v, _, err := shares.MayLoad(deps.Storage, msg.Share.Address)
		if err != nil {
			return nil, err
		}
		return ShareResponse{Shares: v}.answer(), nil
	}
	return nil, ErrUnknownQuery
}
