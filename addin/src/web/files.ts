// Reading a chosen file and handing a made one to the browser as a download.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Whether a file name is an .xlsx workbook (the only format the page reads). */
export function isXlsxName(name: string): boolean {
  return /\.xlsx$/i.test(name.trim());
}

/**
 * `团建台账.xlsx` → `团建台账（已标注）.xlsx`.
 * @example markedFileName('潍坊台账.xlsx') // => '潍坊台账（已标注）.xlsx'
 */
export function markedFileName(name: string): string {
  const base = name.trim().replace(/\.xlsx$/i, '');
  return `${base || '团建台账'}（已标注）.xlsx`;
}

/** A file's bytes; FileReader rather than Blob.arrayBuffer, which older browsers lack. */
export function readFileBytes(file: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      if (reader.result instanceof ArrayBuffer) resolve(reader.result);
      else reject(new Error('the file was not read as bytes'));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

/** Offers `bytes` as a download named `fileName` (a Blob and a link with `download`). */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer>, fileName: string, type = XLSX_TYPE): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the URL by now in every browser; a minute leaves slow ones room.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens the browser's file picker for one .xlsx (its input carries `inputId`); null when the user cancels. */
export function chooseXlsxFile(inputId: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = `.xlsx,${XLSX_TYPE}`;
    input.hidden = true;
    input.id = inputId;
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}
