import type { Messages } from '../i18n_types';

// The messages of research exports: English, and Swedish with exactly the same keys.
export const en = {
  'research.link': 'Research data',
  'research.title': 'De-identified research data',
  'research.rules':
    'An export holds the consented people of the sites that approve the project, and only: a pseudonym per person (the same in every export of the project, different in every other project), sex, ages in five-year bands (90 and over together), every date shifted by the person’s own 1 to N days, registry values and questionnaire scores. Never an identifier, a name, a birth date or free text. Counts of fewer people than the minimum cell are withheld. The data dictionary states each column’s rule.',
  'research.none': 'No research project yet.',
  'research.new': 'Open a research project',
  'research.projectTitle': 'Title',
  'research.purpose': 'Purpose',
  'research.purposeHint': 'What the data are for: the sites’ admins read it before they approve.',
  'research.shift': 'Shift dates by up to (days)',
  'research.create': 'Open the project',
  'research.approvals': 'Approved by: {sites}',
  'research.noApprovals': 'No site approves this project yet.',
  'research.files': 'Download',
  'research.approve': 'Approve for {site}',
  'research.revoke': 'Revoke for {site}',
  'research.review': 'Projects asking for your sites’ data',
};

export const sv: Messages<typeof en> = {
  'research.link': 'Forskningsdata',
  'research.title': 'Avidentifierade forskningsdata',
  'research.rules':
    'En export innehåller de samtyckande personerna vid de enheter som godkänner projektet, och bara: en pseudonym per person (densamma i varje export av projektet, en annan i varje annat projekt), kön, ålder i femårsklasser (90 och äldre tillsammans), varje datum förskjutet med personens egna 1 till N dagar, registervärden och enkätpoäng. Aldrig en identitet, ett namn, ett födelsedatum eller fritext. Antal under minsta cellstorlek undanhålls. Dataordlistan anger regeln för varje kolumn.',
  'research.none': 'Inget forskningsprojekt än.',
  'research.new': 'Öppna ett forskningsprojekt',
  'research.projectTitle': 'Titel',
  'research.purpose': 'Syfte',
  'research.purposeHint': 'Vad data ska användas till: enheternas administratörer läser det innan de godkänner.',
  'research.shift': 'Förskjut datum med upp till (dagar)',
  'research.create': 'Öppna projektet',
  'research.approvals': 'Godkänt av: {sites}',
  'research.noApprovals': 'Ingen enhet godkänner projektet än.',
  'research.files': 'Ladda ned',
  'research.approve': 'Godkänn för {site}',
  'research.revoke': 'Återkalla för {site}',
  'research.review': 'Projekt som ber om era enheters data',
};
