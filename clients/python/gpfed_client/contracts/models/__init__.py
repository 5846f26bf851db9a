"""Contains all the data models used in inputs/outputs"""

from .asyncapi_response_asyncapi import AsyncapiResponseAsyncapi
from .change_out import ChangeOut
from .change_out_kind import ChangeOutKind
from .change_out_request import ChangeOutRequest
from .change_out_status import ChangeOutStatus
from .changes import Changes
from .changes_out import ChangesOut
from .contract_out import ContractOut
from .contract_out_kind import ContractOutKind
from .contract_out_status import ContractOutStatus
from .created import Created
from .created_status import CreatedStatus
from .decision_policy_in import DecisionPolicyIn
from .decision_policy_in_gated_kinds_item import DecisionPolicyInGatedKindsItem
from .decision_policy_out import DecisionPolicyOut
from .decision_policy_out_gated_kinds_item import DecisionPolicyOutGatedKindsItem
from .delivery_in import DeliveryIn
from .distribution_in import DistributionIn
from .distribution_rule import DistributionRule
from .enrolment_out import EnrolmentOut
from .expiry_out import ExpiryOut
from .expiry_run import ExpiryRun
from .field_error import FieldError
from .item_fee import ItemFee
from .item_fee_in import ItemFeeIn
from .kpi_result_out import KpiResultOut
from .list_changes_across_status_type_0 import ListChangesAcrossStatusType0
from .list_contracts_kind_type_0 import ListContractsKindType0
from .list_contracts_status_type_0 import ListContractsStatusType0
from .list_size_out import ListSizeOut
from .live_response_live import LiveResponseLive
from .network_in import NetworkIn
from .new_contract import NewContract
from .new_contract_kind import NewContractKind
from .new_enrolment import NewEnrolment
from .new_kpi_correction import NewKpiCorrection
from .new_kpi_result import NewKpiResult
from .new_list_size import NewListSize
from .new_organisation import NewOrganisation
from .new_results import NewResults
from .new_scheme import NewScheme
from .new_scheme_balancing import NewSchemeBalancing
from .new_scheme_kind import NewSchemeKind
from .new_scheme_release import NewSchemeRelease
from .new_variation import NewVariation
from .organisation_changes import OrganisationChanges
from .organisation_kind import OrganisationKind
from .organisation_out import OrganisationOut
from .page_change_out import PageChangeOut
from .page_contract_out import PageContractOut
from .page_organisation_out import PageOrganisationOut
from .page_scheme_listed import PageSchemeListed
from .payment_in import PaymentIn
from .payment_in_basis import PaymentInBasis
from .payment_in_schedule import PaymentInSchedule
from .payment_in_true_up_type_0 import PaymentInTrueUpType0
from .payment_terms import PaymentTerms
from .payment_terms_basis import PaymentTermsBasis
from .payment_terms_schedule import PaymentTermsSchedule
from .payment_terms_true_up_type_0 import PaymentTermsTrueUpType0
from .problem import Problem
from .scheme_enrolment import SchemeEnrolment
from .scheme_listed import SchemeListed
from .scheme_listed_kind import SchemeListedKind
from .scheme_network import SchemeNetwork
from .scheme_out import SchemeOut
from .scheme_out_balancing import SchemeOutBalancing
from .scheme_out_kind import SchemeOutKind
from .scheme_out_release import SchemeOutRelease
from .scheme_results import SchemeResults
from .scheme_standard import SchemeStandard
from .standard_delivery import StandardDelivery
from .standard_in import StandardIn
from .tariff import Tariff
from .tariff_in import TariffIn
from .termination import Termination
from .terms_out import TermsOut
from .terms_out_fields_set_item import TermsOutFieldsSetItem
from .variation_out import VariationOut
from .variation_out_fields_set_item import VariationOutFieldsSetItem
from .variation_record_out import VariationRecordOut
from .variation_record_out_fields_item import VariationRecordOutFieldsItem

__all__ = (
    "AsyncapiResponseAsyncapi",
    "ChangeOut",
    "ChangeOutKind",
    "ChangeOutRequest",
    "ChangeOutStatus",
    "Changes",
    "ChangesOut",
    "ContractOut",
    "ContractOutKind",
    "ContractOutStatus",
    "Created",
    "CreatedStatus",
    "DecisionPolicyIn",
    "DecisionPolicyInGatedKindsItem",
    "DecisionPolicyOut",
    "DecisionPolicyOutGatedKindsItem",
    "DeliveryIn",
    "DistributionIn",
    "DistributionRule",
    "EnrolmentOut",
    "ExpiryOut",
    "ExpiryRun",
    "FieldError",
    "ItemFee",
    "ItemFeeIn",
    "KpiResultOut",
    "ListChangesAcrossStatusType0",
    "ListContractsKindType0",
    "ListContractsStatusType0",
    "ListSizeOut",
    "LiveResponseLive",
    "NetworkIn",
    "NewContract",
    "NewContractKind",
    "NewEnrolment",
    "NewKpiCorrection",
    "NewKpiResult",
    "NewListSize",
    "NewOrganisation",
    "NewResults",
    "NewScheme",
    "NewSchemeBalancing",
    "NewSchemeKind",
    "NewSchemeRelease",
    "NewVariation",
    "OrganisationChanges",
    "OrganisationKind",
    "OrganisationOut",
    "PageChangeOut",
    "PageContractOut",
    "PageOrganisationOut",
    "PageSchemeListed",
    "PaymentIn",
    "PaymentInBasis",
    "PaymentInSchedule",
    "PaymentInTrueUpType0",
    "PaymentTerms",
    "PaymentTermsBasis",
    "PaymentTermsSchedule",
    "PaymentTermsTrueUpType0",
    "Problem",
    "SchemeEnrolment",
    "SchemeListed",
    "SchemeListedKind",
    "SchemeNetwork",
    "SchemeOut",
    "SchemeOutBalancing",
    "SchemeOutKind",
    "SchemeOutRelease",
    "SchemeResults",
    "SchemeStandard",
    "StandardDelivery",
    "StandardIn",
    "Tariff",
    "TariffIn",
    "Termination",
    "TermsOut",
    "TermsOutFieldsSetItem",
    "VariationOut",
    "VariationOutFieldsSetItem",
    "VariationRecordOut",
    "VariationRecordOutFieldsItem",
)
