// What both browser checks do on a JupyterLab page: wait for the kernel, use the menus, wait for a run.

export const notebookPanel = '.jp-NotebookPanel:not(.lm-mod-hidden)';

export async function kernelIdle(page, timeout) {
  // The toolbar indicator says "idle" before any kernel is attached too, so also wait for the status
  // bar's "<kernel name> | Idle".
  await page.waitForFunction((sel) => {
    const el = document.querySelector(`${sel} .jp-Notebook-ExecutionIndicator`);
    const bar = [...document.querySelectorAll('.jp-StatusBar-TextItem')].map((e) => e.textContent.trim());
    return el && el.getAttribute('data-status') === 'idle' && bar.some((t) => /\S \| Idle$/.test(t));
  }, notebookPanel, { timeout });
}

export async function menu(page, top, item) {
  await page.locator('.lm-MenuBar-item', { hasText: new RegExp(`^${top}$`) }).click();
  await page.locator('.lm-Menu-item:visible', {
    has: page.locator('.lm-Menu-itemLabel', { hasText: new RegExp(`^${item}$`) }),
  }).click();
}

export async function allCellsRan(page, timeout) {
  // Every code cell shows an execution count ("[3]:"), none is queued or running ("[*]:").
  await page.waitForFunction((sel) => {
    const prompts = [...document.querySelectorAll(`${sel} .jp-CodeCell .jp-InputPrompt`)];
    return prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p.textContent));
  }, notebookPanel, { timeout });
}
