package alliance

// cwjson codecs for the wire types of bindings/types. The struct types are the chain's own (one
// definition of every field); only the encoding is written here, by hand, so that a contract does
// not link encoding/json. codec_test.go proves that every encoder produces the bytes
// encoding/json produces for the same value and that every decoder accepts encoding/json's output.
//
// Conventions, matching encoding/json with the struct tags of bindings/types:
//   - fields are written in declaration order;
//   - `omitempty` fields are left out when empty (nil pointer, "" string, 0 number, empty bytes);
//   - a nil slice without omitempty is written as null, an empty one as [];
//   - []byte is standard padded base64.
//
// Requests (messages and queries) are decoded strictly, as the chain decodes them (unknown fields
// are errors); responses are decoded leniently (unknown fields skipped), so a chain that adds a
// field does not break deployed contracts.

import (
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// ---- shared pieces ----

func encodeCoin(w *cwjson.Writer, c bt.Coin) {
	w.ObjectStart()
	w.Key("denom")
	w.String(c.Denom)
	w.Key("amount")
	w.String(c.Amount)
	w.ObjectEnd()
}

func decodeCoin(r *cwjson.Reader, c *bt.Coin, strict bool) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "denom":
			c.Denom, err = r.String()
		case "amount":
			c.Amount, err = r.String()
		default:
			err = unknown(r, key, strict)
		}
		return err
	})
}

func encodeCoins(w *cwjson.Writer, cs []bt.Coin) {
	if cs == nil {
		w.Null()
		return
	}
	w.ArrayStart()
	for _, c := range cs {
		encodeCoin(w, c)
	}
	w.ArrayEnd()
}

func decodeCoins(r *cwjson.Reader, out *[]bt.Coin) error {
	if r.Null() {
		*out = nil
		return nil
	}
	cs := []bt.Coin{}
	err := r.Array(func() error {
		var c bt.Coin
		err := decodeCoin(r, &c, false)
		cs = append(cs, c)
		return err
	})
	*out = cs
	return err
}

func encodeDecCoins(w *cwjson.Writer, cs []bt.DecCoin) {
	if cs == nil {
		w.Null()
		return
	}
	w.ArrayStart()
	for _, c := range cs {
		encodeCoin(w, bt.Coin(c))
	}
	w.ArrayEnd()
}

func decodeDecCoins(r *cwjson.Reader, out *[]bt.DecCoin) error {
	var cs []bt.Coin
	if err := decodeCoins(r, &cs); err != nil {
		return err
	}
	if cs == nil {
		*out = nil
		return nil
	}
	*out = make([]bt.DecCoin, len(cs))
	for i, c := range cs {
		(*out)[i] = bt.DecCoin(c)
	}
	return nil
}

// unknown handles a key a decoder does not know: an error in strict mode, skipped otherwise.
func unknown(r *cwjson.Reader, key string, strict bool) error {
	if strict {
		return cwjson.UnknownField(key)
	}
	return r.Skip()
}

func optBytes(r *cwjson.Reader) ([]byte, error) {
	if r.Null() {
		return nil, nil
	}
	b, err := r.Binary()
	if len(b) == 0 {
		b = nil // encoding/json leaves an omitempty []byte nil for ""
	}
	return b, err
}

func encodePage(w *cwjson.Writer, p *bt.PageRequest) {
	if p == nil {
		return
	}
	w.Key("pagination")
	w.ObjectStart()
	if len(p.Key) > 0 {
		w.Key("key")
		w.Binary(p.Key)
	}
	if p.Limit != 0 {
		w.Key("limit")
		w.Uint64(uint64(p.Limit))
	}
	w.ObjectEnd()
}

func decodePage(r *cwjson.Reader, out **bt.PageRequest) error {
	if r.Null() {
		*out = nil
		return nil
	}
	p := &bt.PageRequest{}
	*out = p
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "key":
			p.Key, err = optBytes(r)
		case "limit":
			p.Limit, err = r.Uint32()
		default:
			err = cwjson.UnknownField(key)
		}
		return err
	})
}

func encodeNextKey(w *cwjson.Writer, k []byte) {
	if len(k) > 0 {
		w.Key("next_key")
		w.Binary(k)
	}
}

// stringFields decodes an object whose fields are all strings: keys[i] is stored through
// ptrs[i]. (Slices rather than a map: a map would link TinyGo's hashmap into every contract.)
func stringFields(r *cwjson.Reader, strict bool, keys []string, ptrs ...*string) error {
	return r.Object(func(key string) error {
		for i, k := range keys {
			if k != key {
				continue
			}
			if r.Null() {
				*ptrs[i] = ""
				return nil
			}
			s, err := r.String()
			*ptrs[i] = s
			return err
		}
		return unknown(r, key, strict)
	})
}

// ---- messages ----

// EncodeCustomMsg writes the body of {"custom": …}: {"alliance":{"<variant>":{…}}}.
func EncodeCustomMsg(w *cwjson.Writer, m bt.CustomMsg) {
	w.ObjectStart()
	if a := m.Alliance; a != nil {
		w.Key("alliance")
		w.ObjectStart()
		if d := a.Delegate; d != nil {
			w.Key("delegate")
			encodeValidatorAmount(w, d.Validator, d.Amount)
		}
		if d := a.Undelegate; d != nil {
			w.Key("undelegate")
			encodeValidatorAmount(w, d.Validator, d.Amount)
		}
		if d := a.Redelegate; d != nil {
			w.Key("redelegate")
			w.ObjectStart()
			w.Key("src_validator")
			w.String(d.SrcValidator)
			w.Key("dst_validator")
			w.String(d.DstValidator)
			w.Key("amount")
			encodeCoin(w, d.Amount)
			w.ObjectEnd()
		}
		if c := a.ClaimRewards; c != nil {
			w.Key("claim_rewards")
			w.ObjectStart()
			w.Key("validator")
			w.String(c.Validator)
			w.Key("denom")
			w.String(c.Denom)
			w.ObjectEnd()
		}
		w.ObjectEnd()
	}
	w.ObjectEnd()
}

func encodeValidatorAmount(w *cwjson.Writer, validator string, amount bt.Coin) {
	w.ObjectStart()
	w.Key("validator")
	w.String(validator)
	w.Key("amount")
	encodeCoin(w, amount)
	w.ObjectEnd()
}

func decodeValidatorAmount(r *cwjson.Reader, validator *string, amount *bt.Coin) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "validator":
			*validator, err = r.String()
		case "amount":
			err = decodeCoin(r, amount, true)
		default:
			err = cwjson.UnknownField(key)
		}
		return err
	})
}

// DecodeCustomMsg reads the body of {"custom": …} strictly, as the chain's encoder does.
func DecodeCustomMsg(r *cwjson.Reader, m *bt.CustomMsg) error {
	return r.Object(func(key string) error {
		if key != "alliance" {
			return cwjson.UnknownField(key)
		}
		if r.Null() {
			m.Alliance = nil
			return nil
		}
		a := &bt.AllianceMsg{}
		m.Alliance = a
		return r.Object(func(key string) error {
			switch key {
			case "delegate":
				a.Delegate = &bt.Delegate{}
				return decodeValidatorAmount(r, &a.Delegate.Validator, &a.Delegate.Amount)
			case "undelegate":
				a.Undelegate = &bt.Undelegate{}
				return decodeValidatorAmount(r, &a.Undelegate.Validator, &a.Undelegate.Amount)
			case "redelegate":
				d := &bt.Redelegate{}
				a.Redelegate = d
				return r.Object(func(key string) error {
					var err error
					switch key {
					case "src_validator":
						d.SrcValidator, err = r.String()
					case "dst_validator":
						d.DstValidator, err = r.String()
					case "amount":
						err = decodeCoin(r, &d.Amount, true)
					default:
						err = cwjson.UnknownField(key)
					}
					return err
				})
			case "claim_rewards":
				c := &bt.ClaimRewards{}
				a.ClaimRewards = c
				return stringFields(r, true, []string{"validator", "denom"}, &c.Validator, &c.Denom)
			}
			return cwjson.UnknownField(key)
		})
	})
}

// ---- queries ----

// EncodeQuery writes the body of a custom query: {"<variant>":{…}}.
func EncodeQuery(w *cwjson.Writer, q bt.AllianceQuery) {
	w.ObjectStart()
	if a := q.Alliance; a != nil {
		w.Key("alliance")
		w.ObjectStart()
		w.Key("denom")
		w.String(a.Denom)
		w.ObjectEnd()
	}
	if d := q.Delegation; d != nil {
		w.Key("delegation")
		encodeDelegationKey(w, d.Denom, d.Delegator, d.Validator)
	}
	if d := q.DelegationRewards; d != nil {
		w.Key("delegation_rewards")
		encodeDelegationKey(w, d.Denom, d.Delegator, d.Validator)
	}
	if a := q.Alliances; a != nil {
		w.Key("alliances")
		w.ObjectStart()
		encodePage(w, a.Pagination)
		w.ObjectEnd()
	}
	if q.AllianceParams != nil {
		w.Key("alliance_params")
		w.EmptyObject()
	}
	if d := q.Delegations; d != nil {
		w.Key("delegations")
		w.ObjectStart()
		w.Key("delegator")
		w.String(d.Delegator)
		encodePage(w, d.Pagination)
		w.ObjectEnd()
	}
	if u := q.Unbondings; u != nil {
		w.Key("unbondings")
		w.ObjectStart()
		w.Key("delegator")
		w.String(u.Delegator)
		if u.Denom != "" {
			w.Key("denom")
			w.String(u.Denom)
		}
		if u.Validator != "" {
			w.Key("validator")
			w.String(u.Validator)
		}
		encodePage(w, u.Pagination)
		w.ObjectEnd()
	}
	if rd := q.Redelegations; rd != nil {
		w.Key("redelegations")
		w.ObjectStart()
		w.Key("delegator")
		w.String(rd.Delegator)
		if rd.Denom != "" {
			w.Key("denom")
			w.String(rd.Denom)
		}
		encodePage(w, rd.Pagination)
		w.ObjectEnd()
	}
	if v := q.AllianceValidator; v != nil {
		w.Key("alliance_validator")
		w.ObjectStart()
		w.Key("validator")
		w.String(v.Validator)
		w.ObjectEnd()
	}
	if q.StakingParams != nil {
		encodeStakingParamsQuery(w)
	}
	if q.Stakes != nil {
		encodeStakesQuery(w, q.Stakes)
	}
	w.ObjectEnd()
}

func encodeDelegationKey(w *cwjson.Writer, denom, delegator, validator string) {
	w.ObjectStart()
	w.Key("denom")
	w.String(denom)
	w.Key("delegator")
	w.String(delegator)
	w.Key("validator")
	w.String(validator)
	w.ObjectEnd()
}

// DecodeQuery reads the body of a custom query strictly, as the chain's querier does.
func DecodeQuery(r *cwjson.Reader, q *bt.AllianceQuery) error {
	return r.Object(func(key string) error {
		switch key {
		case "alliance":
			a := &bt.AllianceRequest{}
			q.Alliance = a
			return stringFields(r, true, []string{"denom"}, &a.Denom)
		case "delegation":
			d := &bt.DelegationRequest{}
			q.Delegation = d
			return stringFields(r, true, []string{"denom", "delegator", "validator"}, &d.Denom, &d.Delegator, &d.Validator)
		case "delegation_rewards":
			d := &bt.DelegationRewardsRequest{}
			q.DelegationRewards = d
			return stringFields(r, true, []string{"denom", "delegator", "validator"}, &d.Denom, &d.Delegator, &d.Validator)
		case "alliances":
			a := &bt.AlliancesRequest{}
			q.Alliances = a
			return r.Object(func(key string) error {
				if key == "pagination" {
					return decodePage(r, &a.Pagination)
				}
				return cwjson.UnknownField(key)
			})
		case "alliance_params":
			q.AllianceParams = &bt.AllianceParamsRequest{}
			return r.Object(func(key string) error { return cwjson.UnknownField(key) })
		case "delegations":
			d := &bt.DelegationsRequest{}
			q.Delegations = d
			return r.Object(func(key string) error {
				var err error
				switch key {
				case "delegator":
					d.Delegator, err = r.String()
				case "pagination":
					err = decodePage(r, &d.Pagination)
				default:
					err = cwjson.UnknownField(key)
				}
				return err
			})
		case "unbondings":
			u := &bt.UnbondingsRequest{}
			q.Unbondings = u
			return r.Object(func(key string) error {
				var err error
				switch key {
				case "delegator":
					u.Delegator, err = r.String()
				case "denom":
					u.Denom, err = r.String()
				case "validator":
					u.Validator, err = r.String()
				case "pagination":
					err = decodePage(r, &u.Pagination)
				default:
					err = cwjson.UnknownField(key)
				}
				return err
			})
		case "redelegations":
			rd := &bt.RedelegationsRequest{}
			q.Redelegations = rd
			return r.Object(func(key string) error {
				var err error
				switch key {
				case "delegator":
					rd.Delegator, err = r.String()
				case "denom":
					rd.Denom, err = r.String()
				case "pagination":
					err = decodePage(r, &rd.Pagination)
				default:
					err = cwjson.UnknownField(key)
				}
				return err
			})
		case "alliance_validator":
			v := &bt.AllianceValidatorRequest{}
			q.AllianceValidator = v
			return stringFields(r, true, []string{"validator"}, &v.Validator)
		case "staking_params":
			q.StakingParams = &bt.StakingParamsRequest{}
			return r.Object(func(key string) error { return cwjson.UnknownField(key) })
		case "stakes":
			q.Stakes = &bt.StakesRequest{}
			return decodeStakesRequest(r, q.Stakes)
		}
		return cwjson.UnknownField(key)
	})
}

// ---- responses ----

// EncodeAllianceResponse writes an alliance asset.
func EncodeAllianceResponse(w *cwjson.Writer, a bt.AllianceResponse) {
	w.ObjectStart()
	w.Key("denom")
	w.String(a.Denom)
	w.Key("reward_weight")
	w.String(a.RewardWeight)
	w.Key("take_rate")
	w.String(a.TakeRate)
	w.Key("total_tokens")
	w.String(a.TotalTokens)
	w.Key("total_validator_shares")
	w.String(a.TotalValidatorShares)
	w.Key("reward_start_time")
	w.Uint64(a.RewardStartTime)
	w.Key("reward_change_rate")
	w.String(a.RewardChangeRate)
	w.Key("reward_change_interval")
	w.Uint64(a.RewardChangeInterval)
	w.Key("last_reward_change_time")
	w.Uint64(a.LastRewardChangeTime)
	w.Key("reward_weight_range")
	w.ObjectStart()
	w.Key("min")
	w.String(a.RewardWeightRange.Min)
	w.Key("max")
	w.String(a.RewardWeightRange.Max)
	w.ObjectEnd()
	w.Key("is_initialized")
	w.Bool(a.IsInitialized)
	w.ObjectEnd()
}

// DecodeAllianceResponse reads an alliance asset.
func DecodeAllianceResponse(r *cwjson.Reader, a *bt.AllianceResponse) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "denom":
			a.Denom, err = r.String()
		case "reward_weight":
			a.RewardWeight, err = r.String()
		case "take_rate":
			a.TakeRate, err = r.String()
		case "total_tokens":
			a.TotalTokens, err = r.String()
		case "total_validator_shares":
			a.TotalValidatorShares, err = r.String()
		case "reward_start_time":
			a.RewardStartTime, err = r.Uint64()
		case "reward_change_rate":
			a.RewardChangeRate, err = r.String()
		case "reward_change_interval":
			a.RewardChangeInterval, err = r.Uint64()
		case "last_reward_change_time":
			a.LastRewardChangeTime, err = r.Uint64()
		case "reward_weight_range":
			err = stringFields(r, false, []string{"min", "max"}, &a.RewardWeightRange.Min, &a.RewardWeightRange.Max)
		case "is_initialized":
			a.IsInitialized, err = r.Bool()
		default:
			err = r.Skip()
		}
		return err
	})
}

// EncodeAlliancesResponse writes one page of alliance assets.
func EncodeAlliancesResponse(w *cwjson.Writer, a bt.AlliancesResponse) {
	w.ObjectStart()
	w.Key("alliances")
	if a.Alliances == nil {
		w.Null()
	} else {
		w.ArrayStart()
		for _, x := range a.Alliances {
			EncodeAllianceResponse(w, x)
		}
		w.ArrayEnd()
	}
	encodeNextKey(w, a.NextKey)
	w.ObjectEnd()
}

// DecodeAlliancesResponse reads one page of alliance assets.
func DecodeAlliancesResponse(r *cwjson.Reader, a *bt.AlliancesResponse) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "alliances":
			if r.Null() {
				a.Alliances = nil
				return nil
			}
			a.Alliances = []bt.AllianceResponse{}
			err = r.Array(func() error {
				var x bt.AllianceResponse
				err := DecodeAllianceResponse(r, &x)
				a.Alliances = append(a.Alliances, x)
				return err
			})
		case "next_key":
			a.NextKey, err = optBytes(r)
		default:
			err = r.Skip()
		}
		return err
	})
}

// EncodeParamsResponse writes the module parameters.
func EncodeParamsResponse(w *cwjson.Writer, p bt.AllianceParamsResponse) {
	w.ObjectStart()
	w.Key("reward_delay_time")
	w.Uint64(p.RewardDelayTime)
	w.Key("take_rate_claim_interval")
	w.Uint64(p.TakeRateClaimInterval)
	w.Key("last_take_rate_claim_time")
	w.Uint64(p.LastTakeRateClaimTime)
	w.ObjectEnd()
}

// DecodeParamsResponse reads the module parameters.
func DecodeParamsResponse(r *cwjson.Reader, p *bt.AllianceParamsResponse) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "reward_delay_time":
			p.RewardDelayTime, err = r.Uint64()
		case "take_rate_claim_interval":
			p.TakeRateClaimInterval, err = r.Uint64()
		case "last_take_rate_claim_time":
			p.LastTakeRateClaimTime, err = r.Uint64()
		default:
			err = r.Skip()
		}
		return err
	})
}

// EncodeDelegationResponse writes one delegation.
func EncodeDelegationResponse(w *cwjson.Writer, d bt.DelegationResponse) {
	w.ObjectStart()
	w.Key("delegator")
	w.String(d.Delegator)
	w.Key("validator")
	w.String(d.Validator)
	w.Key("denom")
	w.String(d.Denom)
	w.Key("amount")
	w.String(d.Amount)
	w.ObjectEnd()
}

// DecodeDelegationResponse reads one delegation.
func DecodeDelegationResponse(r *cwjson.Reader, d *bt.DelegationResponse) error {
	return stringFields(r, false, []string{"delegator", "validator", "denom", "amount"}, &d.Delegator, &d.Validator, &d.Denom, &d.Amount)
}

// EncodeDelegationsResponse writes one page of delegations.
func EncodeDelegationsResponse(w *cwjson.Writer, d bt.DelegationsResponse) {
	w.ObjectStart()
	w.Key("delegations")
	if d.Delegations == nil {
		w.Null()
	} else {
		w.ArrayStart()
		for _, x := range d.Delegations {
			EncodeDelegationResponse(w, x)
		}
		w.ArrayEnd()
	}
	encodeNextKey(w, d.NextKey)
	w.ObjectEnd()
}

// DecodeDelegationsResponse reads one page of delegations.
func DecodeDelegationsResponse(r *cwjson.Reader, d *bt.DelegationsResponse) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "delegations":
			if r.Null() {
				d.Delegations = nil
				return nil
			}
			d.Delegations = []bt.DelegationResponse{}
			err = r.Array(func() error {
				var x bt.DelegationResponse
				err := DecodeDelegationResponse(r, &x)
				d.Delegations = append(d.Delegations, x)
				return err
			})
		case "next_key":
			d.NextKey, err = optBytes(r)
		default:
			err = r.Skip()
		}
		return err
	})
}

// EncodeRewardsResponse writes the rewards of one delegation.
func EncodeRewardsResponse(w *cwjson.Writer, d bt.DelegationRewardsResponse) {
	w.ObjectStart()
	w.Key("rewards")
	encodeCoins(w, d.Rewards)
	w.ObjectEnd()
}

// DecodeRewardsResponse reads the rewards of one delegation.
func DecodeRewardsResponse(r *cwjson.Reader, d *bt.DelegationRewardsResponse) error {
	return r.Object(func(key string) error {
		if key == "rewards" {
			return decodeCoins(r, &d.Rewards)
		}
		return r.Skip()
	})
}

// EncodeUnbondingsResponse writes one page of unbondings.
func EncodeUnbondingsResponse(w *cwjson.Writer, u bt.UnbondingsResponse) {
	w.ObjectStart()
	w.Key("unbondings")
	if u.Unbondings == nil {
		w.Null()
	} else {
		w.ArrayStart()
		for _, x := range u.Unbondings {
			w.ObjectStart()
			w.Key("validator")
			w.String(x.Validator)
			w.Key("denom")
			w.String(x.Denom)
			w.Key("amount")
			w.String(x.Amount)
			w.Key("completion_time")
			w.Uint64(x.CompletionTime)
			w.ObjectEnd()
		}
		w.ArrayEnd()
	}
	encodeNextKey(w, u.NextKey)
	w.ObjectEnd()
}

// DecodeUnbondingsResponse reads one page of unbondings.
func DecodeUnbondingsResponse(r *cwjson.Reader, u *bt.UnbondingsResponse) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "unbondings":
			if r.Null() {
				u.Unbondings = nil
				return nil
			}
			u.Unbondings = []bt.Unbonding{}
			err = r.Array(func() error {
				var x bt.Unbonding
				err := r.Object(func(key string) error {
					var err error
					switch key {
					case "validator":
						x.Validator, err = r.String()
					case "denom":
						x.Denom, err = r.String()
					case "amount":
						x.Amount, err = r.String()
					case "completion_time":
						x.CompletionTime, err = r.Uint64()
					default:
						err = r.Skip()
					}
					return err
				})
				u.Unbondings = append(u.Unbondings, x)
				return err
			})
		case "next_key":
			u.NextKey, err = optBytes(r)
		default:
			err = r.Skip()
		}
		return err
	})
}

// EncodeRedelegationsResponse writes one page of redelegations.
func EncodeRedelegationsResponse(w *cwjson.Writer, rd bt.RedelegationsResponse) {
	w.ObjectStart()
	w.Key("redelegations")
	if rd.Redelegations == nil {
		w.Null()
	} else {
		w.ArrayStart()
		for _, x := range rd.Redelegations {
			w.ObjectStart()
			w.Key("src_validator")
			w.String(x.SrcValidator)
			w.Key("dst_validator")
			w.String(x.DstValidator)
			w.Key("denom")
			w.String(x.Denom)
			w.Key("amount")
			w.String(x.Amount)
			w.Key("completion_time")
			w.Uint64(x.CompletionTime)
			w.ObjectEnd()
		}
		w.ArrayEnd()
	}
	encodeNextKey(w, rd.NextKey)
	w.ObjectEnd()
}

// DecodeRedelegationsResponse reads one page of redelegations.
func DecodeRedelegationsResponse(r *cwjson.Reader, rd *bt.RedelegationsResponse) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "redelegations":
			if r.Null() {
				rd.Redelegations = nil
				return nil
			}
			rd.Redelegations = []bt.Redelegation{}
			err = r.Array(func() error {
				var x bt.Redelegation
				err := r.Object(func(key string) error {
					var err error
					switch key {
					case "src_validator":
						x.SrcValidator, err = r.String()
					case "dst_validator":
						x.DstValidator, err = r.String()
					case "denom":
						x.Denom, err = r.String()
					case "amount":
						x.Amount, err = r.String()
					case "completion_time":
						x.CompletionTime, err = r.Uint64()
					default:
						err = r.Skip()
					}
					return err
				})
				rd.Redelegations = append(rd.Redelegations, x)
				return err
			})
		case "next_key":
			rd.NextKey, err = optBytes(r)
		default:
			err = r.Skip()
		}
		return err
	})
}

// EncodeValidatorResponse writes a validator's alliance totals.
func EncodeValidatorResponse(w *cwjson.Writer, v bt.AllianceValidatorResponse) {
	w.ObjectStart()
	w.Key("validator")
	w.String(v.Validator)
	w.Key("total_delegation_shares")
	encodeDecCoins(w, v.TotalDelegationShares)
	w.Key("validator_shares")
	encodeDecCoins(w, v.ValidatorShares)
	w.Key("total_staked")
	encodeDecCoins(w, v.TotalStaked)
	w.ObjectEnd()
}

// DecodeValidatorResponse reads a validator's alliance totals.
func DecodeValidatorResponse(r *cwjson.Reader, v *bt.AllianceValidatorResponse) error {
	return r.Object(func(key string) error {
		var err error
		switch key {
		case "validator":
			v.Validator, err = r.String()
		case "total_delegation_shares":
			err = decodeDecCoins(r, &v.TotalDelegationShares)
		case "validator_shares":
			err = decodeDecCoins(r, &v.ValidatorShares)
		case "total_staked":
			err = decodeDecCoins(r, &v.TotalStaked)
		default:
			err = r.Skip()
		}
		return err
	})
}
