package tokenfactory

// cwjson codecs of the token factory wire types of bindings/types, generated into codec_cwgen.go by
// tools/cwgen (bindings mode), as contracts/alliance does for the alliance ones (see its codec.go
// for the rules). The query root is TokenFactoryRequest, the inner object of
// {"token_factory": …}: its variants are what the answers are keyed by; the wrapper is written by
// hand (query.go). Run `go generate ./contracts/tokenfactory` after bindings/types/tokenfactory.go
// changes.

//go:generate go run github.com/alliancewasm/alliancewasm/tools/cwgen -name tokenfactory -version 0.1.0 -bindings ../../bindings/types -msg TokenFactoryCustomMsg -query TokenFactoryRequest -responses full_denom=FullDenomResponse,admin=DenomAdminResponse,denoms_by_creator=DenomsByCreatorResponse,params=TokenFactoryParamsResponse
