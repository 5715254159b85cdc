"""How a partnership's lead was chosen (Low Moss: after open discussion; 3.54: by the
CJA Chief Officers)."""

from __future__ import annotations

import enum
from typing import Literal, TypeAlias

__all__ = ["SelectionMethod", "SelectionMethodName"]


class SelectionMethod(enum.StrEnum):
    """How the lead organisation was chosen."""

    #: by the parties talking it through (Low Moss: "initiated following open discussion
    #: ... Turning Point Scotland was selected as lead organisation")
    OPEN_DISCUSSION = "open-discussion"
    #: named by the funders
    NOMINATED_BY_FUNDERS = "nominated-by-funders"
    #: named by the public bodies that may commission the service (3.54: the CJA Chief
    #: Officers "identified the lead organisation as the most appropriate lead")
    NOMINATED_BY_COMMISSIONERS = "nominated-by-commissioners"
    #: chosen among organisations that competed for it
    COMPETITION = "competition"
    #: any other way; the selection's note says how
    OTHER = "other"


#: The values of :class:`SelectionMethod`, for text that names a selection method.
SelectionMethodName: TypeAlias = Literal[
    "open-discussion",
    "nominated-by-funders",
    "nominated-by-commissioners",
    "competition",
    "other",
]
