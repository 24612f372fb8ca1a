package types

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// Share accounting has two levels (as upstream):
//
//	asset level:     T_a tokens of asset a are backed by TvS_a validator shares;
//	                 validator V holds vS_{a,V} of them, worth
//	                 T_{a,V} = vS_{a,V} × T_a / TvS_a.
//	delegator level: on (V, a) the delegators hold TdS_{a,V} shares; a
//	                 delegation with dS shares is worth dS × T_{a,V} / TdS_{a,V}.
//
// The take rate and slashing change only T_a (and vS), so every holder loses
// pro rata without touching any delegation.
//
// Rounding: every division below rounds against the party that initiates the
// operation and in favour of the remaining holders (shares minted round
// down, shares burned round up, token values round down). Values are exact
// rationals floored to 18 decimals (big-integer arithmetic, not chained
// LegacyDec products, so the only error is the final floor).

// TokenTolerance absorbs the 1e-18 floors of share minting when a value is
// turned into whole tokens: tokens = floor(value + 1e-12). Without it a
// delegator who deposited 100 could be shown (and only be able to withdraw)
// 99. It cannot make the module insolvent: the exact values of all holders of
// an asset sum to at most T_a, so the sum of floor(v_i + ε) is at most
// T_a + n·ε, which for n < 10^12 holders is < T_a + 1 and therefore ≤ T_a.
// (Upstream added 0.01 before truncating, which breaks this bound at 100
// holders.)
var TokenTolerance = math.LegacyNewDecWithPrec(1, 12)

var precisionMultiplier = new(big.Int).Exp(big.NewInt(10), big.NewInt(math.LegacyPrecision), nil)

func decFromRat(num, den *big.Int, roundUp bool) math.LegacyDec {
	// result = num / den at 18 decimals; den > 0 guaranteed by callers.
	n := new(big.Int).Mul(num, precisionMultiplier)
	q, r := new(big.Int).QuoRem(n, den, new(big.Int))
	if roundUp && r.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return math.LegacyNewDecFromBigIntWithPrec(q, math.LegacyPrecision)
}

// ValidatorTokens is T_{a,V} = vS × T_a / TvS, floored at 18 decimals.
// Zero when TvS is zero (guarded denominator).
func ValidatorTokens(asset AllianceAsset, valShares math.LegacyDec) math.LegacyDec {
	if !asset.TotalValidatorShares.IsPositive() || !valShares.IsPositive() {
		return math.LegacyZeroDec()
	}
	num := new(big.Int).Mul(valShares.BigInt(), asset.TotalTokens.BigInt())
	return decFromRat(num, asset.TotalValidatorShares.BigInt(), false) // floor: against the holder
}

// DelegationTokens is the exact value of dS delegator shares on (V, a):
// dS × vS × T_a / (TdS × TvS), floored at 18 decimals. Zero when a
// denominator is zero.
func DelegationTokens(asset AllianceAsset, valShares, totalDelShares, delShares math.LegacyDec) math.LegacyDec {
	if !asset.TotalValidatorShares.IsPositive() || !totalDelShares.IsPositive() || !delShares.IsPositive() || !valShares.IsPositive() {
		return math.LegacyZeroDec()
	}
	num := new(big.Int).Mul(delShares.BigInt(), valShares.BigInt())
	num.Mul(num, asset.TotalTokens.BigInt())
	den := new(big.Int).Mul(totalDelShares.BigInt(), asset.TotalValidatorShares.BigInt())
	return decFromRat(num, den, false) // floor: against the holder
}

// WholeTokens turns a value into whole tokens: floor(v + TokenTolerance).
func WholeTokens(v math.LegacyDec) math.Int {
	if !v.IsPositive() {
		return math.ZeroInt()
	}
	return v.Add(TokenTolerance).TruncateInt()
}

// SharesForDeposit returns the validator-level and delegator-level shares
// minted for depositing amount on (V, a). Both round down (the depositor gets
// at most what they bring). An empty asset or position mints 1:1.
func SharesForDeposit(asset AllianceAsset, valShares, totalDelShares math.LegacyDec, amount math.Int) (dVS, dDS math.LegacyDec, err error) {
	if !amount.IsPositive() {
		return dVS, dDS, errorsmod.Wrap(ErrInvalidAmount, "deposit must be positive")
	}
	if asset.TotalTokens.IsZero() {
		if asset.TotalValidatorShares.IsPositive() {
			return dVS, dDS, errorsmod.Wrapf(ErrWorthlessShares, "asset %s has shares but no tokens", asset.Denom)
		}
		dVS = math.LegacyNewDecFromInt(amount)
	} else {
		num := new(big.Int).Mul(amount.BigInt(), asset.TotalValidatorShares.BigInt())
		// T_a > 0 checked above; scale: TvS carries 18 decimals, so divide by
		// T_a × 10^18 to stay in share units.
		den := new(big.Int).Mul(asset.TotalTokens.BigInt(), precisionMultiplier)
		dVS = decFromRat(num, den, false) // floor: fewer shares for the depositor
	}
	if valShares.IsZero() {
		if totalDelShares.IsPositive() {
			// Any price would hand part of the deposit to the holders of
			// worthless shares. They close them by undelegating (keeper);
			// once the last one has, the position restarts at 1:1.
			// errorsmod.Wrap keeps the registered code (codespace alliance,
			// 58) for clients; fmt's %w would not.
			return dVS, dDS, errorsmod.Wrap(ErrWorthlessShares, "until their holders close them with an undelegation")
		}
		dDS = dVS
	} else {
		num := new(big.Int).Mul(dVS.BigInt(), totalDelShares.BigInt())
		den := new(big.Int).Mul(valShares.BigInt(), precisionMultiplier)
		dDS = decFromRat(num, den, false) // floor: fewer shares for the depositor
	}
	if !dVS.IsPositive() || !dDS.IsPositive() {
		return dVS, dDS, errorsmod.Wrapf(ErrInvalidAmount, "deposit of %s is too small to mint a share", amount)
	}
	return dVS, dDS, nil
}

// SharesForWithdrawal returns the shares to burn for withdrawing amount from a
// delegation with delShares on (V, a). Burned shares round up (in favour of
// the remaining holders) and are capped by what exists. When the delegation
// would be left worth less than one whole token, all of it is burned (full
// exit; the sub-token remainder stays with the other holders).
func SharesForWithdrawal(asset AllianceAsset, valShares, totalDelShares, delShares math.LegacyDec, amount math.Int) (dVS, dDS math.LegacyDec, full bool, err error) {
	if !amount.IsPositive() {
		return dVS, dDS, false, errorsmod.Wrap(ErrInvalidAmount, "amount must be positive")
	}
	value := DelegationTokens(asset, valShares, totalDelShares, delShares)
	if amount.GT(WholeTokens(value)) {
		return dVS, dDS, false, errorsmod.Wrapf(ErrInsufficientTokens, "requested %s, delegation holds %s", amount, WholeTokens(value))
	}
	remaining := value.Sub(math.LegacyNewDecFromInt(amount))
	if remaining.Add(TokenTolerance).LT(math.LegacyOneDec()) {
		full = true
		dDS = delShares
	} else {
		// dDS = amount × TdS × TvS / (vS × T_a); every factor positive here
		// because value > amount > 0.
		num := new(big.Int).Mul(amount.BigInt(), totalDelShares.BigInt())
		num.Mul(num, asset.TotalValidatorShares.BigInt())
		den := new(big.Int).Mul(valShares.BigInt(), asset.TotalTokens.BigInt())
		den.Mul(den, precisionMultiplier)
		dDS = decFromRat(num, den, true) // ceil: in favour of remaining holders
		if dDS.GT(delShares) {
			dDS = delShares
		}
	}
	return ValidatorSharesBurned(valShares, totalDelShares, dDS), dDS, full, nil
}

// ValidatorSharesBurned is the validator-level part of dDS of the
// totalDelShares delegator shares on (V, a): vS × dDS / TdS, rounded up (in
// favour of the remaining holders) and capped at vS; all of vS when dDS is
// every share. Zero when TdS is zero (guarded denominator).
func ValidatorSharesBurned(valShares, totalDelShares, dDS math.LegacyDec) math.LegacyDec {
	if dDS.GTE(totalDelShares) {
		return valShares
	}
	if !totalDelShares.IsPositive() {
		return math.LegacyZeroDec()
	}
	num := new(big.Int).Mul(valShares.BigInt(), dDS.BigInt())
	den := new(big.Int).Mul(totalDelShares.BigInt(), precisionMultiplier)
	dVS := decFromRat(num, den, true) // ceil: in favour of remaining holders
	if dVS.GT(valShares) {
		dVS = valShares
	}
	return dVS
}
