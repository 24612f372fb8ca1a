package alliance

import (
	"encoding/json"
	"reflect"
	"testing"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std/cwjson"
)

// FuzzDecodeStakes feeds any bytes to the stakes decoders: the contract's response decoder and the
// mock's strict request decoder (through DecodeAllianceQuery). Neither may panic; whatever the response
// decoder accepts re-encodes to bytes encoding/json reads back into the same value, and a request
// DecodeAllianceQuery accepts re-encodes to a request it decodes to the same value.
func FuzzDecodeStakes(f *testing.F) {
	f.Add([]byte(`{"stakes":[{"validator":"a","amount":"5","worthless":true,"status":"bonded","rewards":[{"denom":"stake","amount":"7"}]},{"validator":"b"}]}`))
	f.Add([]byte(`{"stakes":{"delegator":"c","denom":"d","validators":["a","b"],"amount":true,"status":true,"rewards":true}}`))
	f.Add([]byte(`{"stakes":null,"x":[1,{"y":2}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var res bt.StakesResponse
		r := cwjson.NewReader(b)
		if err := DecodeStakesResponse(r, &res); err == nil && r.End() == nil {
			w := cwjson.NewWriter(64)
			EncodeStakesResponse(w, res)
			var back bt.StakesResponse
			if err := json.Unmarshal(w.Bytes(), &back); err != nil {
				t.Fatalf("encoding/json cannot read %s: %v", w.Bytes(), err)
			}
			if len(res.Stakes) == 0 && len(back.Stakes) == 0 {
				res.Stakes, back.Stakes = nil, nil // null and [] both mean none
			}
			if !reflect.DeepEqual(normalise(res), normalise(back)) {
				t.Fatalf("%s: decoded %+v, re-read %+v", b, res, back)
			}
		}
		var q bt.AllianceQuery
		r = cwjson.NewReader(b)
		if err := DecodeAllianceQuery(r, &q); err != nil || r.End() != nil || q.Stakes == nil {
			return
		}
		w := cwjson.NewWriter(64)
		EncodeAllianceQuery(w, q)
		var again bt.AllianceQuery
		if err := DecodeAllianceQuery(cwjson.NewReader(w.Bytes()), &again); err != nil || !reflect.DeepEqual(q, again) {
			t.Fatalf("%s -> %s -> %+v, %v", b, w.Bytes(), again.Stakes, err)
		}
	})
}

// normalise makes empty reward lists nil (omitempty writes neither).
func normalise(res bt.StakesResponse) bt.StakesResponse {
	out := bt.StakesResponse{Stakes: append([]bt.ValidatorStake(nil), res.Stakes...)}
	for i := range out.Stakes {
		if len(out.Stakes[i].Rewards) == 0 {
			out.Stakes[i].Rewards = nil
		}
	}
	return out
}
