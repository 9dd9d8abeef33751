from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import ActorAlias

pytestmark = pytest.mark.django_db


def test_actor_page(analyst_client: Client, tagged) -> None:
    ActorAlias.objects.create(actor=tagged["actors"]["QAT"], text="الدوحة", kind="metonym")
    response = analyst_client.get(reverse("actor_detail", args=["QAT"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "قطر" in html and "Qatar" in html and "الدوحة" in html
    page = response.context["page"]
    threads = page["threads"]
    assert [(t["thread"].key, t["roles"]) for t in threads] == [("gaza-truce", ["mediator"])]
    peers = {p["id"]: p["count"] for p in page["company"]["peers"]}
    assert peers == {"ISR": 2, "hamas": 2, "EGY": 1}
    assert page["company"]["mediator"] == 2
    chart = json.loads(
        html.split('<script id="coverage-data" type="application/json">')[1].split("</script>")[0]
    )
    assert sum(chart["counts"]) == 3
    assert "vendor/chart.js/chart.umd.min.js" in html


def test_unknown_actor_is_404(analyst_client: Client, tagged) -> None:
    assert analyst_client.get(reverse("actor_detail", args=["ZZZ"])).status_code == 404


def test_aliases_are_titled_with_their_kind_and_escaped(analyst_client: Client, tagged) -> None:
    qatar = tagged["actors"]["QAT"]
    ActorAlias.objects.create(actor=qatar, text="الدوحة", kind="metonym")
    ActorAlias.objects.create(actor=qatar, text='Qatar "<b>"', lang="en", kind="name")
    html = analyst_client.get(reverse("actor_detail", args=["QAT"])).content.decode()
    assert '<span class="chip" dir="auto" lang="ar" title="عاصمة أو مؤسسة">الدوحة</span>' in html
    assert 'lang="en" title="الاسم">Qatar &quot;&lt;b&gt;&quot;</span>' in html
