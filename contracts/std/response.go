package std

import "github.com/alliancewasm/alliancewasm/contracts/std/cwjson"

// Response is what instantiate, execute, migrate, sudo and reply return on success:
// messages to dispatch after the call, attributes for the "wasm" event, custom events, and
// optional data returned to the caller.
//
// The With* methods take and return values so responses read as one expression:
//
//	return std.Response{}.WithAttribute("action", "increment").WithMessage(msg), nil
type Response struct {
	Messages   []SubMsg
	Attributes []Attribute
	Events     []Event
	Data       []byte // nil is written as null
}

// Attribute is a key/value pair. wasmd rejects empty keys and keys starting with '_'.
type Attribute struct {
	Key   string
	Value string
}

// Event is a custom event; wasmd prefixes its type with "wasm-" and requires >= 2 characters.
type Event struct {
	Type       string
	Attributes []Attribute
}

// NewEvent returns an event of the given type.
func NewEvent(typ string) Event { return Event{Type: typ} }

// WithAttribute returns e with one more attribute.
func (e Event) WithAttribute(key, value string) Event {
	e.Attributes = append(e.Attributes, Attribute{key, value})
	return e
}

// WithAttribute returns r with one more attribute on the "wasm" event.
func (r Response) WithAttribute(key, value string) Response {
	r.Attributes = append(r.Attributes, Attribute{key, value})
	return r
}

// WithEvent returns r with one more custom event.
func (r Response) WithEvent(e Event) Response {
	r.Events = append(r.Events, e)
	return r
}

// WithMessage returns r with a message whose result is not reported back (reply_on never).
func (r Response) WithMessage(m CosmosMsg) Response {
	r.Messages = append(r.Messages, SubMsg{Msg: m, ReplyOn: ReplyNever})
	return r
}

// WithSubMessage returns r with a sub-message (which may ask for a reply).
func (r Response) WithSubMessage(s SubMsg) Response {
	r.Messages = append(r.Messages, s)
	return r
}

// WithData returns r with data set.
func (r Response) WithData(data []byte) Response {
	r.Data = data
	return r
}

// EncodeJSON writes the response; empty lists are [] (as cosmwasm-std writes them).
func (r Response) EncodeJSON(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("messages")
	w.ArrayStart()
	for _, m := range r.Messages {
		m.EncodeJSON(w)
	}
	w.ArrayEnd()
	w.Key("attributes")
	encodeAttributes(w, r.Attributes)
	w.Key("events")
	w.ArrayStart()
	for _, e := range r.Events {
		e.EncodeJSON(w)
	}
	w.ArrayEnd()
	w.Key("data")
	if r.Data == nil {
		w.Null()
	} else {
		w.Binary(r.Data)
	}
	w.ObjectEnd()
}

// MarshalJSON lets encoding/json produce the same bytes.
func (r Response) MarshalJSON() ([]byte, error) { return cwjson.Marshal(r), nil }

func encodeAttributes(w *cwjson.Writer, attrs []Attribute) {
	w.ArrayStart()
	for _, a := range attrs {
		w.ObjectStart()
		w.Key("key")
		w.String(a.Key)
		w.Key("value")
		w.String(a.Value)
		w.ObjectEnd()
	}
	w.ArrayEnd()
}

func decodeAttributes(r *cwjson.Reader) ([]Attribute, error) {
	var out []Attribute
	if r.Null() {
		return out, nil
	}
	l := r.List(-1, "")
	for l.Next() {
		var a Attribute
		f := r.Struct("key value ", 0, false)
		for f.Next() {
			if f.I == 0 {
				f.Err = r.StringTo(&a.Key)
			} else {
				f.Err = r.StringTo(&a.Value)
			}
		}
		l.Err = f.Err
		out = append(out, a)
	}
	return out, l.Err
}

// EncodeJSON writes {"type":"..","attributes":[..]}.
func (e Event) EncodeJSON(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("type")
	w.String(e.Type)
	w.Key("attributes")
	encodeAttributes(w, e.Attributes)
	w.ObjectEnd()
}

// DecodeJSON reads an event.
func (e *Event) DecodeJSON(r *cwjson.Reader) error {
	f := r.Struct("type attributes ", 0, false)
	for f.Next() {
		if f.I == 0 {
			f.Err = r.StringTo(&e.Type)
		} else {
			e.Attributes, f.Err = decodeAttributes(r)
		}
	}
	return f.Err
}

// ReplyOn says when the VM calls the contract's reply entry point for a sub-message.
type ReplyOn uint8

// ReplyNever is the zero value so a SubMsg literal without ReplyOn never asks for a reply.
const (
	ReplyNever ReplyOn = iota
	ReplyAlways
	ReplySuccess
	ReplyError
)

func (o ReplyOn) String() string {
	switch o {
	case ReplyAlways:
		return "always"
	case ReplySuccess:
		return "success"
	case ReplyError:
		return "error"
	}
	return "never"
}

// SubMsg is a message plus how its result comes back:
// {"id":0,"payload":"","msg":{..},"gas_limit":null,"reply_on":"never"}.
type SubMsg struct {
	ID       uint64
	Payload  []byte // handed back in Reply.Payload; never stored
	Msg      CosmosMsg
	GasLimit *uint64
	ReplyOn  ReplyOn
}

// NewSubMsg returns a sub-message that asks for a reply under the given condition.
func NewSubMsg(id uint64, msg CosmosMsg, on ReplyOn) SubMsg {
	return SubMsg{ID: id, Msg: msg, ReplyOn: on}
}

// EncodeJSON writes the sub-message.
func (s SubMsg) EncodeJSON(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("id")
	w.Uint64(s.ID)
	w.Key("payload")
	w.Binary(s.Payload)
	w.Key("msg")
	s.Msg.EncodeJSON(w)
	w.Key("gas_limit")
	if s.GasLimit == nil {
		w.Null()
	} else {
		w.Uint64(*s.GasLimit)
	}
	w.Key("reply_on")
	w.String(s.ReplyOn.String())
	w.ObjectEnd()
}

// Reply is what the reply entry point receives after a sub-message ran:
// {"id":1,"payload":"..","gas_used":1234,"result":{"ok":{..}}|{"error":".."}}.
type Reply struct {
	ID      uint64
	Payload []byte
	GasUsed uint64
	Result  SubMsgResult
}

// SubMsgResult is the outcome of a sub-message: Ok when it succeeded, else Err.
type SubMsgResult struct {
	Ok  *SubMsgResponse
	Err string
}

// SubMsgResponse carries the events and message responses of a successful sub-message.
type SubMsgResponse struct {
	Events       []Event
	Data         []byte // deprecated by the VM in favour of MsgResponses
	MsgResponses []MsgResponse
}

// MsgResponse is one protobuf Any of the sub-message's response (e.g. MsgInstantiateContractResponse).
type MsgResponse struct {
	TypeURL string
	Value   []byte
}

// DecodeJSON reads a reply.
func (p *Reply) DecodeJSON(r *cwjson.Reader) error {
	f := r.Struct("id payload gas_used result ", 0, false)
	for f.Next() {
		switch f.I {
		case 0:
			f.Err = r.Uint64To(&p.ID)
		case 1:
			f.Err = decodeBinary(r, &p.Payload)
		case 2:
			f.Err = r.Uint64To(&p.GasUsed)
		case 3:
			f.Err = p.Result.DecodeJSON(r)
		}
	}
	return f.Err
}

// UnmarshalJSON lets encoding/json read the same bytes.
func (p *Reply) UnmarshalJSON(b []byte) error { return cwjson.Unmarshal(b, p) }

// MarshalJSON lets encoding/json produce the same bytes.
func (p Reply) MarshalJSON() ([]byte, error) { return cwjson.Marshal(p), nil }

// EncodeJSON writes a reply (used by the native mock host to call reply like the VM does).
func (p Reply) EncodeJSON(w *cwjson.Writer) {
	w.ObjectStart()
	w.Key("id")
	w.Uint64(p.ID)
	w.Key("payload")
	w.Binary(p.Payload)
	w.Key("gas_used")
	w.Uint64(p.GasUsed)
	w.Key("result")
	w.ObjectStart()
	if p.Result.Ok == nil {
		w.Key("error")
		w.String(p.Result.Err)
	} else {
		ok := p.Result.Ok
		w.Key("ok")
		w.ObjectStart()
		w.Key("events")
		w.ArrayStart()
		for _, e := range ok.Events {
			e.EncodeJSON(w)
		}
		w.ArrayEnd()
		if ok.Data != nil {
			w.Key("data")
			w.Binary(ok.Data)
		}
		w.Key("msg_responses")
		w.ArrayStart()
		for _, m := range ok.MsgResponses {
			w.ObjectStart()
			w.Key("type_url")
			w.String(m.TypeURL)
			w.Key("value")
			w.Binary(m.Value)
			w.ObjectEnd()
		}
		w.ArrayEnd()
		w.ObjectEnd()
	}
	w.ObjectEnd()
	w.ObjectEnd()
}

// DecodeJSON reads {"ok":{..}} or {"error":".."}.
func (s *SubMsgResult) DecodeJSON(r *cwjson.Reader) error {
	f := r.Enum("error ok ")
	for f.Next() {
		if f.I == 0 {
			s.Ok = nil
			f.Err = r.StringTo(&s.Err)
		} else {
			s.Ok = &SubMsgResponse{}
			f.Err = s.Ok.decodeJSON(r)
		}
	}
	return f.Err
}

func (ok *SubMsgResponse) decodeJSON(r *cwjson.Reader) error {
	f := r.Struct("events data msg_responses ", 0, false)
	for f.Next() {
		switch {
		case f.I == 1:
			f.Err = decodeBinary(r, &ok.Data)
		case r.Null():
		case f.I == 0:
			l := r.List(-1, "")
			for l.Next() {
				var e Event
				l.Err = e.DecodeJSON(r)
				ok.Events = append(ok.Events, e)
			}
			f.Err = l.Err
		default:
			l := r.List(-1, "")
			for l.Next() {
				var m MsgResponse
				l.Err = m.decodeJSON(r)
				ok.MsgResponses = append(ok.MsgResponses, m)
			}
			f.Err = l.Err
		}
	}
	return f.Err
}

func (m *MsgResponse) decodeJSON(r *cwjson.Reader) error {
	f := r.Struct("type_url value ", 0, false)
	for f.Next() {
		if f.I == 0 {
			f.Err = r.StringTo(&m.TypeURL)
		} else {
			f.Err = decodeBinary(r, &m.Value)
		}
	}
	return f.Err
}
