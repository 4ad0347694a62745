"""The one base for RevCare's resource viewsets: reads through `get_queryset` (a selector, scoped to
the caller), writes through `create_object` / `update_object` / `delete_object` (which call the app's
services), separate input and output serializers. PUT updates the fields it is given."""

from rest_framework import status, viewsets
from rest_framework.response import Response


class ApiViewSet(viewsets.GenericViewSet):
    STANDARD_ACTIONS = ("list", "retrieve", "create", "update", "destroy")

    input_serializer_class = None
    update_serializer_class = None  # defaults to input_serializer_class
    output_serializer_class = None
    action_parsers: dict[str, list] = {}  # an action that takes more than JSON (files) names its parsers

    def get_parsers(self):
        # DRF asks before it sets self.action: the action is the one this request's method maps to.
        request = getattr(self, "request", None)
        action = getattr(self, "action_map", {}).get(request.method.lower()) if request is not None else None
        if action in self.action_parsers:
            return [parser() for parser in self.action_parsers[action]]
        return super().get_parsers()

    def get_serializer_class(self):
        if self.action == "create":
            return self.input_serializer_class
        if self.action == "update":
            return self.update_serializer_class or self.input_serializer_class
        return self.output_serializer_class

    def validated_input(self, serializer_class=None, partial: bool = False) -> dict:
        serializer_class = serializer_class or self.get_serializer_class()
        serializer = serializer_class(data=self.request.data, partial=partial, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def validated_query(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def output(self, instance, status_code: int = status.HTTP_200_OK, serializer_class=None) -> Response:
        serializer_class = serializer_class or self.output_serializer_class
        return Response(serializer_class(instance, context=self.get_serializer_context()).data, status=status_code)

    def output_page(self, queryset, serializer_class=None) -> Response:
        serializer_class = serializer_class or self.output_serializer_class
        page = self.paginate_queryset(queryset)
        data = serializer_class(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)

    def list(self, request, *args, **kwargs):
        return self.output_page(self.filter_queryset(self.get_queryset()))

    def retrieve(self, request, *args, **kwargs):
        return self.output(self.get_object())

    def create(self, request, *args, **kwargs):
        instance = self.create_object(self.validated_input())
        return self.output(instance, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        return self.output(self.update_object(instance, self.validated_input(partial=True)))

    def destroy(self, request, *args, **kwargs):
        self.delete_object(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    # Each resource's services plug in here.
    def create_object(self, data: dict):
        raise NotImplementedError

    def update_object(self, instance, data: dict):
        raise NotImplementedError

    def delete_object(self, instance) -> None:
        raise NotImplementedError
