from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.course import Course

T = TypeVar("T", bound="TrainingOut")


@_attrs_define
class TrainingOut:
    """
    Attributes:
        completed_on (datetime.date):
        course (Course):
        id (str):
        person_id (str):
        recorded_on (datetime.date):
    """

    completed_on: datetime.date
    course: Course
    id: str
    person_id: str
    recorded_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed_on = self.completed_on.isoformat()

        course = self.course.value

        id = self.id

        person_id = self.person_id

        recorded_on = self.recorded_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completed_on": completed_on,
                "course": course,
                "id": id,
                "person_id": person_id,
                "recorded_on": recorded_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        completed_on = datetime.date.fromisoformat(d.pop("completed_on"))

        course = Course(d.pop("course"))

        id = d.pop("id")

        person_id = d.pop("person_id")

        recorded_on = datetime.date.fromisoformat(d.pop("recorded_on"))

        training_out = cls(
            completed_on=completed_on,
            course=course,
            id=id,
            person_id=person_id,
            recorded_on=recorded_on,
        )

        training_out.additional_properties = d
        return training_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
