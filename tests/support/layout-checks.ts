import type { Page } from "@playwright/test";

/** Widths past the visible width: the page's own scrolling element and the app's scrolling main region. */
export async function horizontalOverflow(page: Page): Promise<{ document: number; main: number }> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const main = document.querySelector("main");
    return { document: root.scrollWidth - root.clientWidth, main: main ? main.scrollWidth - main.clientWidth : 0 };
  });
}

/** Visible links and buttons inside `selector` smaller than size × size pixels, described for the failure message. */
export async function smallTargets(page: Page, selector: string, size: number): Promise<{ checked: number; small: string[] }> {
  return page.evaluate(
    ({ selector, size }) => {
      const small: string[] = [];
      let checked = 0;
      for (const element of document.querySelectorAll<HTMLElement>(`${selector} a[href], ${selector} button, ${selector} select, ${selector} summary`)) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        checked += 1;
        if (box.width < size || box.height < size)
          small.push(
            `${element.tagName} "${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
          );
      }
      return { checked, small };
    },
    { selector, size },
  );
}
