"""Print the endpoint table of docs/api.md from the code: path, scope, who holds it, what it answers."""

from django.core.management.base import BaseCommand
from drf_spectacular.generators import SchemaGenerator

from accounts.scopes import DEFAULT_ROLE_SCOPES
from revcare.api.permissions import PUBLIC, SIGNED_IN, AdminScope

BEGIN = "<!-- api-table:begin -->"
END = "<!-- api-table:end -->"


def _who(scope: str) -> str:
    if scope == PUBLIC:
        return "anyone"
    if scope == SIGNED_IN:
        return "signed in"
    if isinstance(scope, AdminScope):
        return "admin"  # the scope and the admin role
    return ", ".join(role for role, scopes in DEFAULT_ROLE_SCOPES.items() if scope in scopes)


def api_table() -> str:
    generator = SchemaGenerator()
    schema = generator.get_schema(request=None, public=True)
    views = {}
    for path, _path_regex, method, view in generator._get_paths_and_endpoints():
        views[(path, method.lower())] = view  # already an instance, as the schema saw it
    lines = [BEGIN, "| method | path | scope | default roles | answers |", "| --- | --- | --- | --- | --- |"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            view = views[(path, method)]
            key = getattr(view, "action", None) or method
            scope = getattr(view, "required_scopes", {}).get(key, PUBLIC)
            answers = ", ".join(sorted(operation["responses"]))
            shown = f"{scope} (admin only)" if isinstance(scope, AdminScope) else scope
            lines.append(f"| {method.upper()} | `{path}` | {shown} | {_who(scope)} | {answers} |")
    lines.append(END)
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Print the endpoint table for docs/api.md."

    def handle(self, *args, **options):
        self.stdout.write(api_table())
