package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	cdctypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
)

// RegisterLegacyAminoCodec registers the amino names (the same as upstream
// v0.4, so Ledger/amino-JSON signers keep working).
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgDelegate{}, "alliance/MsgDelegate")
	legacy.RegisterAminoMsg(cdc, &MsgRedelegate{}, "alliance/MsgRedelegate")
	legacy.RegisterAminoMsg(cdc, &MsgUndelegate{}, "alliance/MsgUndelegate")
	legacy.RegisterAminoMsg(cdc, &MsgClaimDelegationRewards{}, "alliance/MsgClaimDelegationRewards")
	legacy.RegisterAminoMsg(cdc, &MsgCancelUnbonding{}, "alliance/MsgCancelUnbonding")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "alliance/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgCreateAlliance{}, "alliance/MsgCreateAlliance")
	legacy.RegisterAminoMsg(cdc, &MsgUpdateAlliance{}, "alliance/MsgUpdateAlliance")
	legacy.RegisterAminoMsg(cdc, &MsgDeleteAlliance{}, "alliance/MsgDeleteAlliance")
	cdc.RegisterConcrete(&MsgCreateAllianceProposal{}, "alliance/MsgCreateAllianceProposal", nil)
	cdc.RegisterConcrete(&MsgUpdateAllianceProposal{}, "alliance/MsgUpdateAllianceProposal", nil)
	cdc.RegisterConcrete(&MsgDeleteAllianceProposal{}, "alliance/MsgDeleteAllianceProposal", nil)
}

// RegisterInterfaces registers the Msg types and the legacy proposal
// contents with the interface registry.
func RegisterInterfaces(registry cdctypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgDelegate{},
		&MsgRedelegate{},
		&MsgUndelegate{},
		&MsgClaimDelegationRewards{},
		&MsgCancelUnbonding{},
		&MsgUpdateParams{},
		&MsgCreateAlliance{},
		&MsgUpdateAlliance{},
		&MsgDeleteAlliance{},
	)
	registry.RegisterImplementations((*govv1beta1.Content)(nil),
		&MsgCreateAllianceProposal{},
		&MsgUpdateAllianceProposal{},
		&MsgDeleteAllianceProposal{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
