from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.course import Course
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewTraining")


@_attrs_define
class NewTraining:
    """
    Attributes:
        completed_on (datetime.date):
        course (Course | Unset):
    """

    completed_on: datetime.date
    course: Course | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        completed_on = self.completed_on.isoformat()

        course: str | Unset = UNSET
        if not isinstance(self.course, Unset):
            course = self.course.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "completed_on": completed_on,
            }
        )
        if course is not UNSET:
            field_dict["course"] = course

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        completed_on = datetime.date.fromisoformat(d.pop("completed_on"))

        _course = d.pop("course", UNSET)
        course: Course | Unset
        if isinstance(_course, Unset):
            course = UNSET
        else:
            course = Course(_course)

        new_training = cls(
            completed_on=completed_on,
            course=course,
        )

        return new_training
