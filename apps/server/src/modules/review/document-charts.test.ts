import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { canRenderText, chartSvg, niceMax, renderChart } from "./document-charts";

const spec = {
  kind: "bar" as const,
  title: "Biểu đồ thử",
  labels: ["Ấp 1", "Ấp 2 <&>"],
  series: [{ name: "Tỷ lệ", values: [45.3, 80] }],
};

describe("charts", () => {
  it("picks a round axis maximum", () => {
    expect([niceMax(0), niceMax(7), niceMax(105), niceMax(80), niceMax(1234)]).toEqual([1, 8, 120, 80, 1500]);
  });

  it("draws labels and values only when a font renders, escaping them", () => {
    const withText = chartSvg(spec, true);
    expect(withText).toContain("Ấp 2 &lt;&amp;&gt;");
    expect(withText).toContain(">45.3<");
    expect(chartSvg(spec, false)).not.toContain("<text");
    expect(chartSvg({ ...spec, kind: "line" }, false)).toContain("<polyline");
  });

  it("renders a 16 cm wide PNG at ≥ 200 dpi", async () => {
    const img = await renderChart(spec);
    const meta = await sharp(img.png).metadata();
    expect(meta.format).toBe("png");
    // 1280 px over 16 cm = 203 dpi.
    expect(img.width).toBe(1280);
    expect(img.height).toBe(640);
    expect(typeof (await canRenderText())).toBe("boolean");
  });
});
