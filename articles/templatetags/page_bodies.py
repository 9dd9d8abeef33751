"""``{% page_body "name" state %}…{% endpage_body %}``: a body rendered once per state.

The lifetime, the key and the language live in ``articles.cache.page_body``;
the template only marks which part of the page is the same for every
reader, and the view hands over the state its selector built.
"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from articles.cache import page_body

register = template.Library()


class PageBodyNode(template.Node):
    def __init__(self, nodelist: NodeList, name: FilterExpression, state: FilterExpression):
        self.nodelist, self.name, self.state = nodelist, name, state

    def render(self, context: Context) -> SafeString:
        name = str(self.name.resolve(context))
        state = str(self.state.resolve(context))
        # The body was rendered by this template and escaped then: safe as it was.
        return mark_safe(page_body(name, state, lambda: str(self.nodelist.render(context))))


@register.tag("page_body")
def do_page_body(parser: Parser, token: Token) -> PageBodyNode:
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes a name and a state")
    nodelist = parser.parse(("endpage_body",))
    parser.delete_first_token()
    return PageBodyNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))
