/** A running job's progress bar and count, as the job's event stream reports it. */
import type { ReactNode } from "react";
import type { JobProgress } from "../api.js";

export function JobProgressBar(props: {
  progress: JobProgress;
  state: string;
  label: string;
  testId: string;
}): ReactNode {
  const { progress, state } = props;
  return (
    <div data-testid={props.testId}>
      <progress max={Math.max(1, progress.total)} value={progress.done} aria-label={props.label} />
      <span>
        {progress.done} of {progress.total} {progress.message ? `— ${progress.message}` : ""} (
        {state})
      </span>
    </div>
  );
}
