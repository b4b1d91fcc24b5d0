"""BZK back office: assessment workflow, deadlines, four-eyes approval, budget.

Public API for the admin (and letters) code:

- `services`: one function per workflow action (keyword-only, atomic, locking, raising
  `WorkflowFout` with a Dutch message when refused).
- `selectors`: `werkvoorraad`, `budget_overzicht`, `te_betalen`, `betaalbatches`, `dwangsom_stand`.
- `permissions`: `can_<action>(user, obj) -> bool` for showing or hiding buttons.
- `hooks`: side effects stored inside the action's transaction (letters), owned by the
  letters code; the letter is generated after commit.
- `tasks`: the daily deadline digest for assessors.
"""
