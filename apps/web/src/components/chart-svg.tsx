import { type ReactNode, useId } from "react";

interface ChartSvgProps {
  /** Read out as the chart's name, with the description after it. */
  title: string;
  description: string;
  height: number;
  className?: string;
  testId: string;
  children: ReactNode;
}

/** The frame of an SVG chart: full width, one image for screen readers, named by its title and description. */
export function ChartSvg({
  title,
  description,
  height,
  className = "chart",
  testId,
  children,
}: ChartSvgProps) {
  const titleId = useId();
  const descId = useId();
  return (
    <svg
      className={className}
      width="100%"
      height={height}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      data-testid={testId}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {children}
    </svg>
  );
}
