"""The plan document core: read, validate and write work plans. No Django imports here.

Public entry points: ``read_plan`` (bytes + file name -> PlanDocument), ``write_plan`` (PlanDocument + format
-> bytes), ``validate`` and the JSON contract in ``jsonio``.
"""
