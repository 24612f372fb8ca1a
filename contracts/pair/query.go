package main

import (
	"github.com/alliancewasm/alliancewasm/contracts/pairmsg"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func query(deps *std.Deps, env std.Env, msg QueryMsg) (std.JSONMarshaler, error) {
	cfg, err := config.Load(deps.Storage)
	if err != nil {
		return nil, err
	}
	switch {
	case msg.Config != nil:
		return ConfigResponse{Denoms: cfg.Denoms, FeeBps: cfg.FeeBps, LPDenom: cfg.LPDenom, RewardsRecipient: cfg.RewardsRecipient}.answer(), nil
	case msg.Pair != nil:
		return PairInfo{AssetInfos: [2]pairmsg.AssetInfo{cfg.asset(0, std.Uint128{}).Info, cfg.asset(1, std.Uint128{}).Info}, FeeBps: cfg.FeeBps, LiquidityToken: cfg.LPDenom}.answer(), nil
	case msg.Pool != nil:
		res, err := reserves.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		return PoolResponse{
			Assets:     [2]pairmsg.Asset{cfg.asset(0, res.Amounts[0]), cfg.asset(1, res.Amounts[1])},
			TotalShare: res.TotalShare,
		}.answer(), nil
	case msg.Simulation != nil:
		res, err := reserves.Load(deps.Storage)
		if err != nil {
			return nil, err
		}
		offer := msg.Simulation.OfferAsset
		from, err := cfg.indexOf(offer.Info)
		if err != nil {
			return nil, err
		}
		q, err := computeSwap(cfg, res, from, offer.Amount, msg.Simulation.AskAssetInfo)
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
		c, err := deps.Querier.QueryBalance(msg.Share.Address, cfg.LPDenom)
		if err != nil {
			return nil, err
		}
		return ShareResponse{Shares: c.Amount}.answer(), nil
	}
	return nil, ErrUnknownQuery
}
