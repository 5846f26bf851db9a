"""Contains all the data models used in inputs/outputs"""

from .account_balance import AccountBalance
from .accounts_out import AccountsOut
from .alliance_in import AllianceIn
from .asyncapi_response_asyncapi import AsyncapiResponseAsyncapi
from .distribution_completed import DistributionCompleted
from .distribution_line import DistributionLine
from .distribution_out import DistributionOut
from .distribution_out_status import DistributionOutStatus
from .distribution_revision_out import DistributionRevisionOut
from .expected_out import ExpectedOut
from .field_error import FieldError
from .gain_share_alliance import GainShareAlliance
from .gain_share_out import GainShareOut
from .gain_share_practice import GainSharePractice
from .gain_share_request import GainShareRequest
from .gain_share_tier import GainShareTier
from .get_statement_format_type_0 import GetStatementFormatType0
from .live_response_live import LiveResponseLive
from .page_expected_out import PageExpectedOut
from .page_gain_share_out import PageGainShareOut
from .page_payment_run_out import PagePaymentRunOut
from .page_pending_out import PagePendingOut
from .page_posting_out import PagePostingOut
from .payment_posted import PaymentPosted
from .payment_run_out import PaymentRunOut
from .payment_run_request import PaymentRunRequest
from .payment_run_response import PaymentRunResponse
from .pending_out import PendingOut
from .position_out import PositionOut
from .posting_out import PostingOut
from .problem import Problem
from .scheme_position_out import SchemePositionOut
from .statement_out import StatementOut
from .status import Status
from .trial_balance import TrialBalance
from .waiting_out import WaitingOut
from .waiting_reason import WaitingReason

__all__ = (
    "AccountBalance",
    "AccountsOut",
    "AllianceIn",
    "AsyncapiResponseAsyncapi",
    "DistributionCompleted",
    "DistributionLine",
    "DistributionOut",
    "DistributionOutStatus",
    "DistributionRevisionOut",
    "ExpectedOut",
    "FieldError",
    "GainShareAlliance",
    "GainShareOut",
    "GainSharePractice",
    "GainShareRequest",
    "GainShareTier",
    "GetStatementFormatType0",
    "LiveResponseLive",
    "PageExpectedOut",
    "PageGainShareOut",
    "PagePaymentRunOut",
    "PagePendingOut",
    "PagePostingOut",
    "PaymentPosted",
    "PaymentRunOut",
    "PaymentRunRequest",
    "PaymentRunResponse",
    "PendingOut",
    "PositionOut",
    "PostingOut",
    "Problem",
    "SchemePositionOut",
    "StatementOut",
    "Status",
    "TrialBalance",
    "WaitingOut",
    "WaitingReason",
)
