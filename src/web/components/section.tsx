/** A titled region: a section labelled by its heading, with an id unique on the page. */
import { type ReactNode, useId } from "react";

export function Section(props: {
  title: ReactNode;
  level?: 2 | 3;
  className?: string;
  testId?: string;
  children: ReactNode;
}): ReactNode {
  const id = useId();
  const H = props.level === 3 ? "h3" : "h2";
  return (
    <section aria-labelledby={id} className={props.className} data-testid={props.testId}>
      <H id={id}>{props.title}</H>
      {props.children}
    </section>
  );
}
