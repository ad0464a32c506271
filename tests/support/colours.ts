import type { Locator } from "@playwright/test";

/**
 * The relative luminance (0 black … 1 white) of what an element shows: its text colour, or the
 * background behind it (its own or the nearest ancestor's that is not transparent). Whatever
 * notation the browser computes colours in (rgb, oklch), a canvas turns them into pixels.
 */
export async function luminanceOf(locator: Locator, property: "background" | "color"): Promise<number> {
  return locator.evaluate((element, name) => {
    let colour = "rgba(0, 0, 0, 0)";
    if (name === "color") colour = getComputedStyle(element).color;
    else {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const background = getComputedStyle(node).backgroundColor;
        if (background !== "rgba(0, 0, 0, 0)" && background !== "transparent") {
          colour = background;
          break;
        }
      }
    }
    const canvas = document.createElement("canvas").getContext("2d");
    if (!canvas) throw new Error("no 2d canvas");
    canvas.fillStyle = "#fff";
    canvas.fillRect(0, 0, 1, 1);
    canvas.fillStyle = colour;
    canvas.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = Array.from(canvas.getImageData(0, 0, 1, 1).data).map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }, property);
}
