/**
 * What kind of thing a path's records are, before any field is compared: the business records a
 * connector moves (tickets, orders, members), or something around them that a reviewer would never
 * pick. Three classes, each a factor with the reason shown in `generate --list`:
 * - the API describing itself: its fields, screens, schemes, settings (Autotask's
 *   `/Tags/entityInformation/userDefinedFields`, Jira's `/screens`): rarely the pair;
 * - reports on records (metrics, analytics, statistics, dashboards): figures about them, not the records;
 * - records that classify others: groups, categories, tags, priorities; and the records of one such
 *   class (`/groups/{id}/members`, `/segments/{id}/members`), a view of records listed elsewhere;
 * - containers that hold the business records (lists, stores, projects, repositories): a sync moves
 *   the members, issues or orders inside them, not the containers;
 * - the tool's administration (`/admin/users`, `/admin/orgs`): its operators' view of its own accounts,
 *   beside the records it is for, unless the whole API lives under `/admin` (then it is a namespace).
 * Words, not vendors: these are the names any API gives such things.
 */
import { splitWords, stem } from "../suggest/index.js";

export interface Nature {
  factor: number;
  note?: string;
}

/** Last words of the API's own description (`entityInformation`, `/query/count`). */
const META_WORDS = new Set(
  (
    "information field fields definition definitions metadata meta schema schemas scheme schemes screen screens " +
    "setting settings configuration configurations config permission permissions template templates webhook " +
    "webhooks type types status statuses count properties attributes layout layouts preferences mapping mappings"
  ).split(" "),
);
/** The same inside one lower-case word (`issuesecurityschemes`, `userdefinedfields`, `uimodifications`). */
const META_SUFFIX =
  /(schemes?|definitions|information|modifications|configurations|permissions|screens|fields|types|statuses|[a-z]type)$/i;
/** Records that classify others. */
const CLASSIFIER_WORDS = new Set(
  "group groups category categories tag tags label labels priority priorities unit units currency currencies code codes term terms reason reasons".split(
    " ",
  ),
);
const CLASSIFIER_SUFFIX = /(groups|categories)$/i;
/** Parents that classify the records under them: `/groups/{id}/members`, `/lists/{}/segments/{}/members`. */
const CLASSIFYING_PARENTS = new Set([...CLASSIFIER_WORDS, ..."role roles segment segments".split(" ")]);
/** Reports on records: counts and figures about them, not the records (`/metrics/meetings/{id}/participants`). */
const REPORT_WORDS = new Set(
  "metric metrics report reports analytics stats statistics insights dashboard dashboards summary".split(" "),
);
/** Words of containers: what holds the records a sync moves. */
const CONTAINERS = new Set(
  "list store shop project repo repository workspace board collection folder space site location audience".split(" "),
);

const META_FACTOR = 0.5;
const CLASSIFIER_FACTOR = 0.7;
const ADMIN_FACTOR = 0.6;
/** Segments of the tool's administration API. */
const ADMIN = new Set(["admin", "administration", "superadmin", "sysadmin"]);
const CONTAINER_FACTOR = 0.6;
const REPORT_FACTOR = 0.6;
const CLASSIFIED_FACTOR = 0.8;

/**
 * For an operation's naming segments (`/V1.0/Tags/entityInformation/userDefinedFields` → Tags,
 * entityInformation, userDefinedFields) and the resource its records are.
 */
export function recordNature(
  segments: readonly string[],
  resource: string,
  isNamespace: (segment: string) => boolean = () => false,
): Nature {
  const admin = segments.find((s) => ADMIN.has(s.toLowerCase()) && !isNamespace(s));
  if (admin !== undefined)
    return { factor: ADMIN_FACTOR, note: `under /${admin}: the tool's administration, not the records it is for` };
  const meta = segments.find((s) => META_WORDS.has(lastWord(s)) || META_SUFFIX.test(s));
  if (meta !== undefined) return { factor: META_FACTOR, note: `${meta} describes the API, not business records` };
  const report = segments.find((s) => REPORT_WORDS.has(lastWord(s)));
  if (report !== undefined)
    return { factor: REPORT_FACTOR, note: `under ${report}: a report on records, not the records` };
  if (CLASSIFIER_WORDS.has(lastWord(resource)) || CLASSIFIER_SUFFIX.test(resource))
    return { factor: CLASSIFIER_FACTOR, note: `${resource} classify other records` };
  const parent = segments.slice(0, -1).find((s) => CLASSIFYING_PARENTS.has(lastWord(s)) && s !== resource);
  if (parent !== undefined)
    return {
      factor: CLASSIFIED_FACTOR,
      note: `${resource} of one of the ${parent}: a view of records listed elsewhere`,
    };
  if (CONTAINERS.has(stem(lastWord(resource))))
    return { factor: CONTAINER_FACTOR, note: `${resource} hold the business records, a sync moves what is inside` };
  return { factor: 1 };
}

/** Tenants hold every record of theirs: `/companies/{companyId}/…`, `/accounts/{account}/…`. */
const TENANTS = new Set("company org organization tenant account workspace business".split(" "));

export function isContainerOrTenant(segment: string): boolean {
  const word = stem(lastWord(segment));
  return CONTAINERS.has(word) || TENANTS.has(word);
}

function lastWord(segment: string): string {
  return splitWords(segment).at(-1) ?? "";
}
