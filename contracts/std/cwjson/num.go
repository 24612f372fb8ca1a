package cwjson

// AppendUint appends v in decimal, as strconv.AppendUint(b, v, 10) does. It exists so that
// contracts do not link strconv: under TinyGo its formatting code and tables cost about 1.2 KB of
// wasm in every contract, for the two integer formats cwjson needs. Exported so that std (Uint128)
// uses the same copy.
func AppendUint(b []byte, v uint64) []byte {
	var d [20]byte // 18446744073709551615 has 20 digits
	i := len(d)
	for {
		i--
		d[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(b, d[i:]...)
}

// appendInt appends v in decimal, as strconv.AppendInt(b, int64(v), 10) does.
func appendInt(b []byte, v int) []byte {
	u := uint64(int64(v))
	if v < 0 {
		b = append(b, '-')
		u = -u
	}
	return AppendUint(b, u)
}
