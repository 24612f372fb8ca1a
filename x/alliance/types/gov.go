package types

import (
	errorsmod "cosmossdk.io/errors"

	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
)

// Legacy (gov v1beta1) proposal types. The app only needs them if it
// registers NewLegacyProposalHandler on the legacy gov router; gov v1
// proposals carrying MsgCreateAlliance etc. need nothing extra.
const (
	ProposalTypeCreateAlliance = "msg_create_alliance_proposal"
	ProposalTypeUpdateAlliance = "msg_update_alliance_proposal"
	ProposalTypeDeleteAlliance = "msg_delete_alliance_proposal"
)

var (
	_ govv1beta1.Content = &MsgCreateAllianceProposal{}
	_ govv1beta1.Content = &MsgUpdateAllianceProposal{}
	_ govv1beta1.Content = &MsgDeleteAllianceProposal{}
)

func init() {
	govv1beta1.RegisterProposalType(ProposalTypeCreateAlliance)
	govv1beta1.RegisterProposalType(ProposalTypeUpdateAlliance)
	govv1beta1.RegisterProposalType(ProposalTypeDeleteAlliance)
}

func validateTitleDesc(title, desc string) error {
	if title == "" || desc == "" {
		return errorsmod.Wrap(ErrInvalidProposal, "title and description must not be empty")
	}
	return nil
}

func (m *MsgCreateAllianceProposal) GetTitle() string       { return m.Title }
func (m *MsgCreateAllianceProposal) GetDescription() string { return m.Description }
func (m *MsgCreateAllianceProposal) ProposalRoute() string  { return RouterKey }
func (m *MsgCreateAllianceProposal) ProposalType() string   { return ProposalTypeCreateAlliance }
func (m *MsgCreateAllianceProposal) ValidateBasic() error {
	if err := validateTitleDesc(m.Title, m.Description); err != nil {
		return err
	}
	return ValidateAllianceParams(m.Denom, m.RewardWeight, m.TakeRate, m.RewardChangeRate, m.RewardChangeInterval, m.RewardWeightRange)
}

func (m *MsgUpdateAllianceProposal) GetTitle() string       { return m.Title }
func (m *MsgUpdateAllianceProposal) GetDescription() string { return m.Description }
func (m *MsgUpdateAllianceProposal) ProposalRoute() string  { return RouterKey }
func (m *MsgUpdateAllianceProposal) ProposalType() string   { return ProposalTypeUpdateAlliance }
func (m *MsgUpdateAllianceProposal) ValidateBasic() error {
	if err := validateTitleDesc(m.Title, m.Description); err != nil {
		return err
	}
	return ValidateAllianceParams(m.Denom, m.RewardWeight, m.TakeRate, m.RewardChangeRate, m.RewardChangeInterval, m.RewardWeightRange)
}

func (m *MsgDeleteAllianceProposal) GetTitle() string       { return m.Title }
func (m *MsgDeleteAllianceProposal) GetDescription() string { return m.Description }
func (m *MsgDeleteAllianceProposal) ProposalRoute() string  { return RouterKey }
func (m *MsgDeleteAllianceProposal) ProposalType() string   { return ProposalTypeDeleteAlliance }
func (m *MsgDeleteAllianceProposal) ValidateBasic() error {
	if err := validateTitleDesc(m.Title, m.Description); err != nil {
		return err
	}
	if m.Denom == "" {
		return errorsmod.Wrap(ErrInvalidAsset, "empty denom")
	}
	return nil
}
