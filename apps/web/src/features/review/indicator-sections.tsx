import type { TReviewIndicatorDefinition, TReviewIndicatorValue } from "@binhyen/contracts";
import type { Translate } from "../../i18n/i18n-context";
import { useI18n } from "../../i18n/i18n-context";
import { ChangeBadge, DrillValue, IndicatorCard } from "./indicator-card";
import { BreakdownBars } from "./review-charts";
import { figureText, findValue } from "./review-format";
import { indicatorLabel, isSubItem, SECTION_LIST, sectionLabel } from "./review-labels";

type Definition = TReviewIndicatorDefinition;

interface SectionPlan {
  section: string;
  main: Definition[];
  /** Parts of a main figure, by the code of the figure they break down. */
  parts: { parent: Definition; items: Definition[] }[];
}

/** The definitions in the server's order, by section; parts follow the figure they break down. */
export function planSections(definitions: readonly Definition[]): SectionPlan[] {
  const sections = [
    ...SECTION_LIST,
    ...new Set(definitions.map((d) => d.section).filter((s) => !SECTION_LIST.includes(s))),
  ];
  const plans: SectionPlan[] = [];
  for (const section of sections) {
    const plan: SectionPlan = { section, main: [], parts: [] };
    for (const definition of definitions.filter((d) => d.section === section)) {
      const parent = plan.main[plan.main.length - 1];
      if (isSubItem(definition) && parent) {
        const group = plan.parts.find((p) => p.parent.code === parent.code);
        if (group) {
          group.items.push(definition);
        } else {
          plan.parts.push({ parent, items: [definition] });
        }
      } else {
        plan.main.push(definition);
      }
    }
    if (plan.main.length > 0) {
      plans.push(plan);
    }
  }
  return plans;
}

function breakdownTitle(parent: Definition, label: string, t: Translate): string {
  switch (parent.code) {
    case "ANNOUNCEMENTS_TOTAL":
      return t("review.breakdown.topics");
    case "REPORTS_RECEIVED":
      return t("review.breakdown.kinds");
    default:
      return t("review.breakdown.other", { label });
  }
}

interface IndicatorSectionsProps {
  definitions: readonly Definition[];
  values: readonly TReviewIndicatorValue[];
  /** Opens the reports behind a figure; absent for the province (no list across communes). */
  onDrill?: (definition: Definition) => void;
}

/** Every indicator as a card, by section, and the breakdowns (topics, kinds) as bars with a table. */
export function IndicatorSections({ definitions, values, onDrill }: IndicatorSectionsProps) {
  const { t, locale } = useI18n();
  return (
    <>
      {planSections(definitions).map((plan) => (
        <section
          key={plan.section}
          className="card review-section"
          aria-labelledby={`review-section-${plan.section}`}
          data-testid={`review-section-${plan.section}`}
        >
          <h2 className="card__title" id={`review-section-${plan.section}`}>
            {sectionLabel(plan.section, t)}
          </h2>
          <ul className="review-cards">
            {plan.main.map((definition) => (
              <IndicatorCard
                key={definition.code}
                definition={definition}
                value={findValue(values, definition.code)}
                onDrill={onDrill ? () => onDrill(definition) : undefined}
              />
            ))}
          </ul>
          {plan.parts.map(({ parent, items }) => {
            const title = breakdownTitle(parent, indicatorLabel(parent, locale, t), t);
            return (
              <div key={parent.code} className="review-breakdown">
                <h3 className="review-breakdown__title">{title}</h3>
                <div className="review-breakdown__body">
                  <BreakdownBars
                    definitions={items}
                    values={values}
                    title={title}
                    testId={`review-breakdown-${parent.code}`}
                  />
                  <div className="table-wrap">
                    <table className="table" data-testid={`review-breakdown-table-${parent.code}`}>
                      <caption className="visually-hidden">{title}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("review.table.item")}</th>
                          <th scope="col" className="num">
                            {t("review.table.current")}
                          </th>
                          <th scope="col" className="num">
                            {t("review.table.previous")}
                          </th>
                          <th scope="col" className="num">
                            {t("review.table.change")}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {items.map((definition) => {
                          const value = findValue(values, definition.code);
                          const label = indicatorLabel(definition, locale, t);
                          return (
                            <tr key={definition.code} data-code={definition.code}>
                              <th scope="row">{label}</th>
                              <td className="num">
                                <DrillValue
                                  text={figureText(value?.current, definition.unit, locale, t)}
                                  count={value?.current.value ?? null}
                                  onDrill={
                                    onDrill && definition.drilldown ? () => onDrill(definition) : undefined
                                  }
                                  label={label}
                                />
                              </td>
                              <td className="num">
                                {figureText(value?.previous, definition.unit, locale, t)}
                              </td>
                              <td className="num">
                                {value ? <ChangeBadge value={value} unit={definition.unit} /> : "—"}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                </div>
              </div>
            );
          })}
        </section>
      ))}
    </>
  );
}
