// Browser stand-in for office-addin-manifest (Node-only): office-addin-mock needs nothing from it but this enum.
export const OfficeApp = {
  Excel: 'excel',
  OneNote: 'onenote',
  Outlook: 'outlook',
  PowerPoint: 'powerpoint',
  Project: 'project',
  Word: 'word',
} as const;
