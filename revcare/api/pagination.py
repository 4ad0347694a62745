from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=2&page_size=50`; answers {count, next, previous, results}. Pages hold at most 100 rows."""

    page_size_query_param = "page_size"
    max_page_size = 100


class CountedQuerySet:
    """A queryset whose total is already known (from figures kept anyway), so paging it runs no COUNT."""

    def __init__(self, queryset, count: int):
        self.queryset, self._count = queryset, count

    @property
    def ordered(self) -> bool:
        return self.queryset.ordered

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self.queryset[index]
