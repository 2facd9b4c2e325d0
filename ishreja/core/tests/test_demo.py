from django.core.management import call_command

from ishreja.accounts.models import Membership
from ishreja.centres.models import Centre


def test_it_loads_the_demo_twice_without_duplicates_and_prints_the_logins(db, capsys):
    call_command("loaddemo")
    call_command("loaddemo")
    out = capsys.readouterr().out
    assert "jondor-direktor" in out and "buxoro-metodist" in out and "ishreja-demo" in out
    assert Centre.objects.filter(level=Centre.Level.NATIONAL).count() == 1
    buxoro = Centre.objects.get(name="Abu Ali ibn Sino nomidagi Buxoro viloyati axborot-kutubxona markazi")
    districts = set(buxoro.children.values_list("name", flat=True))
    assert "Jondor tuman axborot-kutubxona markazi" in districts
    assert len(districts) == 13
    assert Membership.objects.filter(
        user__username="jondor-direktor", centre__name__startswith="Jondor"
    ).exists()
