"""The coach: suggestions re-checked by the rubric, KPI links, judgements, prompts and the offline coach."""
