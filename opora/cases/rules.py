"""Need-to-know permissions of cases (discovered by rules' AutodiscoverRulesConfig).

`cases.read_case` takes the case: the one rule of `opora.cases.domain.access`. Asking for access
takes the centre (any case worker); deciding on it is the manager's.
"""

import rules

from opora.accounts.rules import is_case_worker, is_manager
from opora.cases.domain.access import can_read_case

rules.add_perm("cases.read_case", can_read_case)
rules.add_perm("cases.request_case_access", is_case_worker)
rules.add_perm("cases.decide_case_access", is_manager)
