/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Date (isoformat) */
  Date: { input: string; output: string; }
  /** Date with time (isoformat) */
  DateTime: { input: string; output: string; }
  /** Decimal (fixed-point) */
  Decimal: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](https://ecma-international.org/wp-content/uploads/ECMA-404_2nd_edition_december_2017.pdf). */
  JSON: { input: unknown; output: unknown; }
  /** Represents a file upload. */
  Upload: { input: File; output: File; }
};

/** What to do about your open invoices to this debtor. */
export type ActionPlan = {
  __typename?: 'ActionPlan';
  advice: Array<Scalars['String']['output']>;
  asOf: Scalars['Date']['output'];
  invoices: Array<InvoicePlan>;
  ladder: Array<LadderStep>;
  law: Scalars['String']['output'];
  level: RiskLevel;
  reminder?: Maybe<GroupedReminder>;
  score: Scalars['Int']['output'];
};

/** Something that happened to one of your invoices. */
export type Activity = {
  __typename?: 'Activity';
  /** the invoice's amount, or the payment's */
  amount: Money;
  at: Scalars['DateTime']['output'];
  debtor: Company;
  debtorName: Scalars['String']['output'];
  invoiceId: Scalars['ID']['output'];
  invoiceNumber: Scalars['String']['output'];
  kind: ActivityKind;
};

export type ActivityKind =
  | 'PAID'
  | 'RECORDED';

/** Open invoices by days past their due date. */
export type AgeingBucket = {
  __typename?: 'AgeingBucket';
  amount: Money;
  count: Scalars['Int']['output'];
  /** first day past due; null: not due */
  fromDays?: Maybe<Scalars['Int']['output']>;
  /** "not due", "1-30", ..., "over 120" */
  label: Scalars['String']['output'];
  /** last day past due; null: open-ended */
  toDays?: Maybe<Scalars['Int']['output']>;
};

/** An amount shown as a range [lower, upper); upper null: open-ended. */
export type AmountBand = {
  __typename?: 'AmountBand';
  lower: Money;
  upper?: Maybe<Money>;
};

/** An API key as an administrator sees it: never its secret. */
export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  label: Scalars['String']['output'];
  /** null for a partner's key */
  memberVat?: Maybe<Scalars['String']['output']>;
  /** the partner a key belongs to */
  partnerName?: Maybe<Scalars['String']['output']>;
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  scopes: Array<Scalars['String']['output']>;
};

/** What a debtor is compared on. Lower is better for all four. */
export type BenchmarkMeasure =
  | 'DAYS_BEYOND_TERMS'
  | 'DAYS_TO_PAY'
  | 'LATE_SHARE'
  | 'SCORE';

/** A debtor's standing in one of its peer groups. */
export type BenchmarkPlacement = {
  __typename?: 'BenchmarkPlacement';
  /** its own division, section or country */
  asked: PeerGroup;
  measures: Array<MeasurePosition>;
  scope: BenchmarkScope;
  /** that group is under the privacy floor: compared with a wider one */
  withheld: Scalars['Boolean']['output'];
};

/** Which of a company's peer groups a placement is about. */
export type BenchmarkScope =
  | 'BENELUX'
  | 'COUNTRY'
  | 'DIVISION'
  | 'SECTION';

/** Where on the page a value was read (pixels at 300 dpi). */
export type Box = {
  __typename?: 'Box';
  height: Scalars['Int']['output'];
  page: Scalars['Int']['output'];
  width: Scalars['Int']['output'];
  x: Scalars['Int']['output'];
  y: Scalars['Int']['output'];
};

/** The outcome of one input: an invoice or an error, never both. */
export type BulkInvoiceItem = {
  __typename?: 'BulkInvoiceItem';
  error?: Maybe<ItemError>;
  /** position of the input, from 0 */
  index: Scalars['Int']['output'];
  invoice?: Maybe<Invoice>;
};

/** What a bulk mutation did with each input. */
export type BulkInvoiceResult = {
  __typename?: 'BulkInvoiceResult';
  accepted: Scalars['Int']['output'];
  /** only the rejected inputs */
  errors: Array<BulkInvoiceItem>;
  /** per input, the id of its invoice; null where rejected */
  invoiceIds: Array<Maybe<Scalars['ID']['output']>>;
  rejected: Scalars['Int']['output'];
  /** one per input, in order */
  results: Array<BulkInvoiceItem>;
};

/** A company in the register, known by its VAT number. */
export type Company = {
  __typename?: 'Company';
  /** For your open invoices to this company: the dunning ladder, one grouped reminder and the statutory interest you are entitled to. Members only. */
  actionPlan?: Maybe<ActionPlan>;
  /** Where it stands in its NACE division, section and country on score, days to pay, days beyond terms and late share; null until it has a score. */
  benchmark?: Maybe<CompanyBenchmark>;
  country: Scalars['String']['output'];
  /** Credit-limit advice; null until it has a score. */
  creditLimit?: Maybe<CreditLimit>;
  /** The company registry's name (Belgium) when it knows the company, else the name members reported (the latest report wins); null when neither knows it. */
  name?: Maybe<Scalars['String']['output']>;
  /** When your open invoices to this company are expected to be paid, earliest due first. Members only. */
  predictedPayments: Array<PredictedPayment>;
  /** Legal form, status, juridical situation and its date, start date, main activity and every name, from the company registry (Belgium's KBO open data); null when the registry does not know the company (NL, LU, foreign). */
  registration?: Maybe<CompanyRegistration>;
  /** null until a member reported an invoice to this company */
  riskProfile?: Maybe<RiskProfile>;
  /** The score by period (default: monthly over the last year). */
  scoreHistory: Array<ScorePoint>;
  /** Its NACE Rev. 2 code ("F41.20"): the registry's main activity, else what members reported; null when unknown. */
  sector?: Maybe<Scalars['String']['output']>;
  /** How its payment behaviour moves; null until it has a score. */
  trend?: Maybe<Trend>;
  /** compact, validated, with country prefix */
  vat: Scalars['String']['output'];
};


/** A company in the register, known by its VAT number. */
export type CompanyScoreHistoryArgs = {
  fromDate?: InputMaybe<Scalars['Date']['input']>;
  period?: Period;
  toDate?: InputMaybe<Scalars['Date']['input']>;
};

/** Where a debtor stands in its division, section and country. */
export type CompanyBenchmark = {
  __typename?: 'CompanyBenchmark';
  division?: Maybe<Scalars['String']['output']>;
  placements: Array<BenchmarkPlacement>;
  section?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type CompanyConnection = {
  __typename?: 'CompanyConnection';
  edges: Array<CompanyEdge>;
  /** the edges' nodes, for clients that need no cursors */
  nodes: Array<Company>;
  pageInfo: PageInfo;
};

export type CompanyEdge = {
  __typename?: 'CompanyEdge';
  /** set on the last edge of a page */
  cursor?: Maybe<Scalars['String']['output']>;
  node: Company;
};

/** What the company registry (Belgium's KBO / BCE open data) says of a company. */
export type CompanyRegistration = {
  __typename?: 'CompanyRegistration';
  /** compact, 10 digits */
  enterpriseNumber: Scalars['String']['output'];
  /** bankruptcy, judicial reorganisation or liquidation */
  inDistress: Scalars['Boolean']['output'];
  /** in Dutch, e.g. "Normale toestand", "Opening faillissement" */
  juridicalSituation: Scalars['String']['output'];
  juridicalSituationCode: Scalars['String']['output'];
  /** the day the registry's open data first showed this situation (it gives no date of its own) */
  juridicalSituationDate: Scalars['Date']['output'];
  /** in Dutch, e.g. Besloten vennootschap */
  legalForm?: Maybe<Scalars['String']['output']>;
  legalFormCode?: Maybe<Scalars['String']['output']>;
  /** main activity, NACE-BEL 2025 */
  nace2025Code?: Maybe<Scalars['String']['output']>;
  /** main activity, NACE-BEL 2008 */
  naceCode?: Maybe<Scalars['String']['output']>;
  naceSection?: Maybe<Scalars['String']['output']>;
  names: Array<RegistryName>;
  startDate?: Maybe<Scalars['Date']['output']>;
  status: RegistryStatus;
};

/** How much the register knows: insufficient below 3 experiences. */
export type Confidence =
  | 'GOOD'
  | 'INSUFFICIENT'
  | 'LIMITED';

/** A count shown as a range: upper is null when open-ended. */
export type CountBand = {
  __typename?: 'CountBand';
  lower: Scalars['Int']['output'];
  upper?: Maybe<Scalars['Int']['output']>;
};

/** Credit-limit advice in euros; none for critical risk. */
export type CreditLimit = {
  __typename?: 'CreditLimit';
  advised: Scalars['Boolean']['output'];
  amount?: Maybe<Money>;
  sentence: Scalars['String']['output'];
};

/** A column of your file by its header, and the field it holds. */
export type CsvColumnInput = {
  field: CsvField;
  header: Scalars['String']['input'];
};

/** A field of the register a CSV column can be mapped to. */
export type CsvField =
  | 'AMOUNT'
  | 'CURRENCY'
  | 'DEBTOR_NAME'
  | 'DEBTOR_SECTOR'
  | 'DEBTOR_VAT'
  | 'DUE_DATE'
  | 'INVOICE_NUMBER'
  | 'ISSUE_DATE'
  | 'PAID_DATE';

/** What to state instead of letting the file be detected. */
export type CsvOptionsInput = {
  /** headers the register does not recognise, mapped to fields */
  columns?: InputMaybe<Array<CsvColumnInput>>;
  /** one character; null detects among ; , tab | */
  delimiter?: InputMaybe<Scalars['String']['input']>;
  /** "utf-8", "utf-8-sig", "cp1252", "latin-1" or "iso-8859-15"; null detects UTF-8 or Windows-1252 */
  encoding?: InputMaybe<Scalars['String']['input']>;
  /** dates are MM/DD/YYYY (day first otherwise; ISO dates always read) */
  monthFirst?: Scalars['Boolean']['input'];
};

/** Your receivables on a day, and how your debtors are doing. */
export type Dashboard = {
  __typename?: 'Dashboard';
  ageing: Array<AgeingBucket>;
  asOf: Scalars['Date']['output'];
  /** debtors with open invoices */
  debtorCount: Scalars['Int']['output'];
  /** largest outstanding first */
  debtors: Array<DebtorExposure>;
  disputedInvoices: Scalars['Int']['output'];
  /** null when nothing was invoiced in 90 days */
  dso?: Maybe<Dso>;
  /** You in the register: your own score and where you stand in your sector as a payer of your suppliers; null when your VAT number is not known to the gateway. */
  me?: Maybe<Company>;
  openInvoices: Scalars['Int']['output'];
  outstanding: Money;
  overdue: Money;
  /** past due and not disputed */
  overdueInvoices: Scalars['Int']['output'];
  paymentBehaviour: PaymentBehaviour;
  /** newest first */
  recentActivity: Array<Activity>;
  /** Of your 100 largest debtors, those at high or critical risk, highest score first (one scoring call for all of them). */
  riskyDebtors: Array<RiskyDebtor>;
  /** Your customers' average days to pay beside the median days to pay in your NACE division in your country (the wider group when yours is too small). */
  sectorComparison: SectorComparison;
};

/** A delivery given up after the retry window. */
export type DeadLetter = {
  __typename?: 'DeadLetter';
  attempts: Scalars['Int']['output'];
  eventId: Scalars['ID']['output'];
  firstAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastStatus?: Maybe<Scalars['Int']['output']>;
  /** The body the webhook was sent. */
  payload: Scalars['JSON']['output'];
  vat: Scalars['String']['output'];
};

/** One debtor's share of your receivables. */
export type DebtorExposure = {
  __typename?: 'DebtorExposure';
  company: Company;
  /** as on your invoices */
  name: Scalars['String']['output'];
  oldestOverdueDays: Scalars['Int']['output'];
  openInvoices: Scalars['Int']['output'];
  outstanding: Money;
  overdue: Money;
};

/** How a count or amount is shown to you: EXACT (your own, or from at least 3 other members), BANDED (only its band), WITHHELD (fewer than 3 other members). */
export type Disclosure =
  | 'BANDED'
  | 'EXACT'
  | 'WITHHELD';

/** An uploaded invoice document, until confirmed or rejected. */
export type Document = {
  __typename?: 'Document';
  contentType: Scalars['String']['output'];
  draft?: Maybe<DraftInvoice>;
  errorCode?: Maybe<Scalars['String']['output']>;
  errorMessage?: Maybe<Scalars['String']['output']>;
  filename: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  invoiceId?: Maybe<Scalars['ID']['output']>;
  pageCount: Scalars['Int']['output'];
  sizeBytes: Scalars['Int']['output'];
  /** "ocr", or "embedded_xml" when the PDF carried a Factur-X, ZUGFeRD or UBL e-invoice: its fields are the draft at full confidence, with no OCR */
  source: Scalars['String']['output'];
  status: DocumentStatus;
  updatedAt: Scalars['DateTime']['output'];
  uploadedAt: Scalars['DateTime']['output'];
};

export type DocumentConnection = {
  __typename?: 'DocumentConnection';
  edges: Array<DocumentEdge>;
  /** the edges' nodes, for clients that need no cursors */
  nodes: Array<Document>;
  pageInfo: PageInfo;
};

export type DocumentEdge = {
  __typename?: 'DocumentEdge';
  /** set on the last edge of a page */
  cursor?: Maybe<Scalars['String']['output']>;
  node: Document;
};

/** Narrows a list of documents; every field set narrows it further. */
export type DocumentFilterInput = {
  /** any of these */
  statuses?: InputMaybe<Array<DocumentStatus>>;
  /** inclusive */
  uploadedFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** exclusive */
  uploadedTo?: InputMaybe<Scalars['DateTime']['input']>;
};

export type DocumentStatus =
  | 'CONFIRMED'
  | 'FAILED'
  | 'PROCESSING'
  | 'READY'
  | 'REJECTED';

/** The invoice fields read from a document, for the member to check. */
export type DraftInvoice = {
  __typename?: 'DraftInvoice';
  currency?: Maybe<ExtractedField>;
  debtorName?: Maybe<ExtractedField>;
  debtorVat?: Maybe<ExtractedField>;
  dueDate?: Maybe<ExtractedField>;
  invoiceNumber?: Maybe<ExtractedField>;
  issueDate?: Maybe<ExtractedField>;
  /** Whether the seller read is you (your VAT number): false flags a purchase invoice uploaded by mistake; null when no seller VAT number was read. */
  sellerIsMember?: Maybe<Scalars['Boolean']['output']>;
  sellerName?: Maybe<ExtractedField>;
  sellerVat?: Maybe<ExtractedField>;
  totalAmount?: Maybe<ExtractedField>;
};

/** Days sales outstanding. */
export type Dso = {
  __typename?: 'Dso';
  days: Scalars['Float']['output'];
  invoiced90Days: Money;
  method: Scalars['String']['output'];
};

/** The dunning ladder, in order. */
export type DunningStep =
  | 'COLLECTION'
  | 'FORMAL_NOTICE'
  | 'LAST_NOTICE'
  | 'NONE'
  | 'PHONE_CALL'
  | 'REMINDER';

/** A structured e-invoice in the register. */
export type EInvoiceImport = {
  __typename?: 'EInvoiceImport';
  creditNote: Scalars['Boolean']['output'];
  /** the invoice recorded, or the one a credit note credited */
  invoice: Invoice;
  /** what the register decided for the file, such as a default due date */
  notes: Array<Scalars['String']['output']>;
  /** "ubl" or "cii" */
  syntax: Scalars['String']['output'];
};

/** One value OCR read: normalised, with a confidence 0..1. */
export type ExtractedField = {
  __typename?: 'ExtractedField';
  box?: Maybe<Box>;
  /** Calibrated: of the values read at 0.9, about nine in ten are right. */
  confidence: Scalars['Float']['output'];
  /** Whether the member should check this value before confirming: its confidence is below 0.8. */
  needsReview: Scalars['Boolean']['output'];
  value: Scalars['String']['output'];
};

/** All overdue invoices in one letter, at the highest step reached. */
export type GroupedReminder = {
  __typename?: 'GroupedReminder';
  compensation: Money;
  invoiceIds: Array<Scalars['ID']['output']>;
  lateInterest: Money;
  outstanding: Money;
  step: DunningStep;
  text: Scalars['String']['output'];
};

/** A CSV import running in the background; poll it with importJob until DONE or FAILED. */
export type ImportJob = {
  __typename?: 'ImportJob';
  accepted: Scalars['Int']['output'];
  /** bytes of the file read by stored batches */
  bytesDone: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** FAILED: why the file as a whole was refused (upper-case) */
  errorCode?: Maybe<Scalars['String']['output']>;
  errorMessage?: Maybe<Scalars['String']['output']>;
  /** Refused rows by line, the first ones first (a job keeps the first 1,000; rejected counts them all). */
  errors: Array<ImportRowError>;
  filename: Scalars['String']['output'];
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  kind: ImportKind;
  /** 0..1: the share of the file's bytes read; 1 when DONE. */
  progress: Scalars['Float']['output'];
  rejected: Scalars['Int']['output'];
  /** data rows judged and stored so far */
  rowsDone: Scalars['Int']['output'];
  sizeBytes: Scalars['Int']['output'];
  status: ImportStatus;
};


/** A CSV import running in the background; poll it with importJob until DONE or FAILED. */
export type ImportJobErrorsArgs = {
  first?: Scalars['Int']['input'];
};

export type ImportJobConnection = {
  __typename?: 'ImportJobConnection';
  edges: Array<ImportJobEdge>;
  /** the edges' nodes, for clients that need no cursors */
  nodes: Array<ImportJob>;
  pageInfo: PageInfo;
};

export type ImportJobEdge = {
  __typename?: 'ImportJobEdge';
  /** set on the last edge of a page */
  cursor?: Maybe<Scalars['String']['output']>;
  node: ImportJob;
};

/** Narrows a list of import jobs; every field set narrows it further. */
export type ImportJobFilterInput = {
  /** any of these */
  kinds?: InputMaybe<Array<ImportKind>>;
  /** any of these */
  statuses?: InputMaybe<Array<ImportStatus>>;
};

/** What an accounting export holds. */
export type ImportKind =
  | 'INVOICES'
  | 'PAYMENTS';

/** A refused row of an import: its line (1 is the header) and why. */
export type ImportRowError = {
  __typename?: 'ImportRowError';
  /** upper-case, like errors' extensions.code */
  code: Scalars['String']['output'];
  line: Scalars['Int']['output'];
  message: Scalars['String']['output'];
};

export type ImportStatus =
  /** every row judged */
  | 'DONE'
  /** the file as a whole was refused: see errorCode */
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING';

/** An invoice a member sent to a debtor. Every field but `id` and `status` needs the invoices:read scope. */
export type Invoice = {
  __typename?: 'Invoice';
  amount: Money;
  /** credit notes against it */
  creditedAmount: Money;
  debtor: Company;
  debtorName: Scalars['String']['output'];
  disputeReason: Scalars['String']['output'];
  /** not counted as late while disputed */
  disputed: Scalars['Boolean']['output'];
  dueDate: Scalars['Date']['output'];
  id: Scalars['ID']['output'];
  invoiceNumber: Scalars['String']['output'];
  issueDate: Scalars['Date']['output'];
  paidAmount: Money;
  paidDate?: Maybe<Scalars['Date']['output']>;
  recordedAt: Scalars['DateTime']['output'];
  status: InvoiceStatus;
  writtenOffDate?: Maybe<Scalars['Date']['output']>;
};

export type InvoiceConnection = {
  __typename?: 'InvoiceConnection';
  edges: Array<InvoiceEdge>;
  /** the edges' nodes, for clients that need no cursors */
  nodes: Array<Invoice>;
  pageInfo: PageInfo;
};

/** Values that replace what OCR read; omitted ones keep the draft. */
export type InvoiceCorrectionsInput = {
  amount?: InputMaybe<Scalars['Decimal']['input']>;
  debtorName?: InputMaybe<Scalars['String']['input']>;
  debtorVat?: InputMaybe<Scalars['String']['input']>;
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  invoiceNumber?: InputMaybe<Scalars['String']['input']>;
  issueDate?: InputMaybe<Scalars['Date']['input']>;
};

export type InvoiceEdge = {
  __typename?: 'InvoiceEdge';
  /** set on the last edge of a page */
  cursor?: Maybe<Scalars['String']['output']>;
  node: Invoice;
};

/** Narrows a list of invoices; every field set narrows it further. */
export type InvoiceFilterInput = {
  asOf?: InputMaybe<Scalars['Date']['input']>;
  /** any common spelling */
  debtorVat?: InputMaybe<Scalars['String']['input']>;
  /** inclusive */
  issuedFrom?: InputMaybe<Scalars['Date']['input']>;
  /** inclusive */
  issuedTo?: InputMaybe<Scalars['Date']['input']>;
  /** only open invoices past due on asOf (default today), not disputed */
  overdue?: Scalars['Boolean']['input'];
  /** any of these */
  statuses?: InputMaybe<Array<InvoiceStatus>>;
};

/** One of your open invoices to the debtor, with its entitlement. */
export type InvoicePlan = {
  __typename?: 'InvoicePlan';
  /** fixed compensation (EUR 40), entitlement */
  compensation: Money;
  daysOverdue: Scalars['Int']['output'];
  dueDate: Scalars['Date']['output'];
  expectedPayment: Scalars['Date']['output'];
  /** 80th percentile */
  expectedPaymentLate: Scalars['Date']['output'];
  /** percent a year in force today */
  interestRate: Scalars['Float']['output'];
  invoiceId: Scalars['ID']['output'];
  /** statutory interest so far (entitlement) */
  lateInterest: Money;
  nextStep?: Maybe<DunningStep>;
  nextStepDate?: Maybe<Scalars['Date']['output']>;
  outstanding: Money;
  step: DunningStep;
};

export type InvoiceStatus =
  | 'OPEN'
  | 'PAID'
  | 'PARTIALLY_PAID'
  | 'WRITTEN_OFF';

/** A new key: the secret is shown this once and never stored. */
export type IssuedApiKey = {
  __typename?: 'IssuedApiKey';
  id: Scalars['ID']['output'];
  scopes: Array<Scalars['String']['output']>;
  secret: Scalars['String']['output'];
};

/** Why one input of a bulk call was not accepted. */
export type ItemError = {
  __typename?: 'ItemError';
  /** the code a single call would give: INVALID_VAT, DUPLICATE_INVOICE, ... */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** One step of the ladder: days after the due date (negative: before). */
export type LadderStep = {
  __typename?: 'LadderStep';
  action: Scalars['String']['output'];
  day: Scalars['Int']['output'];
  step: DunningStep;
};

/** Companies per risk level. */
export type LevelCounts = {
  __typename?: 'LevelCounts';
  critical: Scalars['Int']['output'];
  high: Scalars['Int']['output'];
  low: Scalars['Int']['output'];
  medium: Scalars['Int']['output'];
};

/** One measure in one peer group: percentiles and mean. */
export type MeasureDistribution = {
  __typename?: 'MeasureDistribution';
  count: Scalars['Int']['output'];
  /** the group these figures describe (wider than asked when withheld); null when even the widest group is too small */
  group?: Maybe<PeerGroup>;
  mean?: Maybe<Scalars['Float']['output']>;
  measure: BenchmarkMeasure;
  median?: Maybe<Scalars['Float']['output']>;
  p10?: Maybe<Scalars['Float']['output']>;
  p25?: Maybe<Scalars['Float']['output']>;
  p75?: Maybe<Scalars['Float']['output']>;
  p90?: Maybe<Scalars['Float']['output']>;
  /** the group asked for had too few companies */
  withheld: Scalars['Boolean']['output'];
};

/** Where a debtor stands on one measure in one peer group. */
export type MeasurePosition = {
  __typename?: 'MeasurePosition';
  /** share (0-100) of the group's other companies with a worse value */
  betterThan?: Maybe<Scalars['Float']['output']>;
  /** the figures compared with */
  group: MeasureDistribution;
  /** false until the company has a paid invoice */
  known: Scalars['Boolean']['output'];
  measure: BenchmarkMeasure;
  /** "pays faster than 72% of companies in construction (F) in Belgium" */
  sentence?: Maybe<Scalars['String']['output']>;
  value?: Maybe<Scalars['Float']['output']>;
  /** share (0-100) of the group's other companies with a better value */
  worseThan?: Maybe<Scalars['Float']['output']>;
};

/** A measure's median per month, oldest first, the current month last. */
export type MeasureTrend = {
  __typename?: 'MeasureTrend';
  measure: BenchmarkMeasure;
  points: Array<TrendPoint>;
};

/** An exact amount: `amount` is a decimal string, never a float. */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['Decimal']['output'];
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Add VAT numbers (500 per request, bad ones listed). */
  addToWatchlist: WatchlistChange;
  /** Record the invoice read from a READY document, with your corrections; the document's bytes are deleted. */
  confirmInvoice: Invoice;
  /** Correct the amount and/or due date you entered. */
  correctInvoice: Invoice;
  /** Issue a key for a member (default scopes: a member's) or, without memberVat, for a partner (scopes required; partnerName groups a partner's keys, which share its watchlists and webhooks). Admins only. */
  createApiKey: IssuedApiKey;
  /** A watchlist: VAT numbers (500 per request; importWatchlist for a CSV of up to 100,000), whole countries and NACE sectors, a minimum level and score move, and whether model-change events are wanted. Needs risk:subscribe. */
  createWatchlist: WatchlistChange;
  /** Register an HTTPS webhook for your watchlists' changes (plain HTTP only to loopback on a development stack). Calls are signed (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256 of id.timestamp.body with the secret); retried with back-off for 24 hours, then dead-lettered and the webhook paused. digestSeconds > 0 sends one call per period with every change in it. */
  createWebhook: WebhookRegistration;
  /** Record a credit note against the invoice. */
  creditInvoice: Invoice;
  /** Delete an invoice entered by mistake; the register forgets it. */
  deleteInvoice: Invoice;
  /** Delete a watchlist. */
  deleteWatchlist: Scalars['Boolean']['output'];
  /** Delete a webhook and what waits for it. */
  deleteWebhook: Scalars['Boolean']['output'];
  /** Mark the invoice disputed: it is not late while disputed. */
  disputeInvoice: Invoice;
  /**
   * Import an accounting CSV export as a background job and return it QUEUED; poll it with importJob(id) until DONE (accepted, rejected, errors by line) or FAILED (errorCode: the file as a whole was refused, e.g. a required column is missing). Needs invoices:write. At most 256 MB.
   * Each row is judged like submitInvoices (kind INVOICES) or recordPayments (kind PAYMENTS): a bad row is refused with its line and code (INVALID_VAT, INVALID_INVOICE, INVALID_PAYMENT, DUPLICATE_INVOICE, DUPLICATE_PAYMENT, INVOICE_NOT_FOUND, ...), the good ones are stored; importing the same file again stores nothing (every row a duplicate).
   * The encoding (UTF-8 or Windows-1252) and the delimiter (; , tab |) are detected; amounts may use a decimal comma (1.234,56) or point; dates are day first (15/10/2026) unless options.monthFirst, and ISO dates (2026-10-15) always read.
   * Headers recognised (Dutch / French / English; case, accents and punctuation ignored):
   * - invoices: factuurnummer / n° de facture / invoice number; btw-nummer / n° TVA / VAT number; klant / nom du client / customer; factuurdatum / date de facture / invoice date; vervaldatum / date d'échéance / due date; bedrag / montant / amount; munt / devise / currency; sector / secteur (NACE code). Required: invoice number, VAT number, both dates and the amount.
   * - payments: factuurnummer / invoice number; betaaldatum / date de paiement / paid date / payment date; bedrag / montant / amount (optional: empty means what is still open).
   * Map other headers with options.columns.
   * Errors: IMPORT_TOO_LARGE, INVALID_IMPORT (options the register cannot use, an empty file); a request body over the limit gets HTTP 413 PAYLOAD_TOO_LARGE.
   */
  importCsv: ImportJob;
  /** Import a structured e-invoice (at most 5 MB): UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3.0, SI-UBL 2.0) or UN/CEFACT CII (Factur-X, ZUGFeRD 2.x, XRechnung). An invoice is recorded like submitInvoice; a credit note credits your invoice it names. Codes: NOT_AN_EINVOICE, INVALID_EINVOICE, MISSING_BUYER_VAT, NOT_THE_SELLER, CREDITED_INVOICE_NOT_FOUND, and those of submitInvoice. */
  importEInvoice: EInvoiceImport;
  /** Add the VAT numbers of a CSV file (first column; a header line is skipped; at most 100,000 lines and 4 MB). Bad numbers are listed with their line. */
  importWatchlist: WatchlistChange;
  /** Stop calling a webhook; changes wait for it. */
  pauseWebhook: Webhook;
  /** Record a payment of one of your invoices. */
  recordPayment: Invoice;
  /** Record up to 500 payments of your invoices at once, in order. Each input is checked like recordPayment; a bad one does not stop the others. */
  recordPayments: BulkInvoiceResult;
  /** Drop a document and its draft; its bytes are deleted. */
  rejectDocument: Document;
  /** Remove VAT numbers; how many were on the list. */
  removeFromWatchlist: Scalars['Int']['output'];
  /** Queue dead letters again (all of the webhook's, or the ids given), with a fresh retry window; how many. */
  replayDeadLetters: Scalars['Int']['output'];
  /** The dispute is over: the invoice counts again. */
  resolveDispute: Invoice;
  /** Call a paused webhook again (what waited goes first); it is bound to the key that resumes it. */
  resumeWebhook: Webhook;
  /** Revoke a key: every gateway replica refuses it within a second and ends its open subscriptions. Admins only. */
  revokeApiKey: Scalars['Boolean']['output'];
  /** A new signing secret; the old ones keep signing too for overlapHours (both signatures in the header), so receivers can switch without losing a call. */
  rotateWebhookSecret: Scalars['String']['output'];
  /** Record an invoice you sent; emits invoice.recorded. */
  submitInvoice: Invoice;
  /** Record up to 500 invoices at once. Each input is checked like submitInvoice; a bad one gets its own error and the good ones are stored. */
  submitInvoices: BulkInvoiceResult;
  /** Change a watchlist's name or rules. */
  updateWatchlist: Watchlist;
  /** Upload an invoice (JPEG, PNG, TIFF or PDF, at most 10 MB) for OCR; it becomes a draft to confirm (subscribe to documentProcessed, or poll document). */
  uploadInvoice: Document;
  /** Give up collecting what is outstanding. */
  writeOffInvoice: Invoice;
};


export type MutationAddToWatchlistArgs = {
  id: Scalars['ID']['input'];
  vats: Array<Scalars['String']['input']>;
};


export type MutationConfirmInvoiceArgs = {
  corrections?: InputMaybe<InvoiceCorrectionsInput>;
  documentId: Scalars['ID']['input'];
};


export type MutationCorrectInvoiceArgs = {
  amount?: InputMaybe<Scalars['Decimal']['input']>;
  dueDate?: InputMaybe<Scalars['Date']['input']>;
  invoiceId: Scalars['ID']['input'];
};


export type MutationCreateApiKeyArgs = {
  label: Scalars['String']['input'];
  memberVat?: InputMaybe<Scalars['String']['input']>;
  partnerName?: InputMaybe<Scalars['String']['input']>;
  scopes?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type MutationCreateWatchlistArgs = {
  input: WatchlistInput;
};


export type MutationCreateWebhookArgs = {
  digestSeconds?: Scalars['Int']['input'];
  url: Scalars['String']['input'];
};


export type MutationCreditInvoiceArgs = {
  amount: Scalars['Decimal']['input'];
  creditNoteNumber: Scalars['String']['input'];
  invoiceId: Scalars['ID']['input'];
};


export type MutationDeleteInvoiceArgs = {
  invoiceId: Scalars['ID']['input'];
};


export type MutationDeleteWatchlistArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDisputeInvoiceArgs = {
  invoiceId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationImportCsvArgs = {
  file: Scalars['Upload']['input'];
  kind?: ImportKind;
  options?: InputMaybe<CsvOptionsInput>;
};


export type MutationImportEInvoiceArgs = {
  file: Scalars['Upload']['input'];
};


export type MutationImportWatchlistArgs = {
  file: Scalars['Upload']['input'];
  id: Scalars['ID']['input'];
};


export type MutationPauseWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRecordPaymentArgs = {
  input: RecordPaymentInput;
};


export type MutationRecordPaymentsArgs = {
  inputs: Array<RecordPaymentInput>;
};


export type MutationRejectDocumentArgs = {
  documentId: Scalars['ID']['input'];
};


export type MutationRemoveFromWatchlistArgs = {
  id: Scalars['ID']['input'];
  vats: Array<Scalars['String']['input']>;
};


export type MutationReplayDeadLettersArgs = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  webhookId: Scalars['ID']['input'];
};


export type MutationResolveDisputeArgs = {
  invoiceId: Scalars['ID']['input'];
};


export type MutationResumeWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRotateWebhookSecretArgs = {
  id: Scalars['ID']['input'];
  overlapHours?: Scalars['Float']['input'];
};


export type MutationSubmitInvoiceArgs = {
  input: SubmitInvoiceInput;
};


export type MutationSubmitInvoicesArgs = {
  inputs: Array<SubmitInvoiceInput>;
};


export type MutationUpdateWatchlistArgs = {
  id: Scalars['ID']['input'];
  input: WatchlistRulesInput;
};


export type MutationUploadInvoiceArgs = {
  file: Scalars['Upload']['input'];
};


export type MutationWriteOffInvoiceArgs = {
  day: Scalars['Date']['input'];
  invoiceId: Scalars['ID']['input'];
};

/** Where a page ends: pass endCursor as `after` for the next one. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  /** always false: pages go forward only */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** always null */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** How your customers paid the invoices settled in the last year. */
export type PaymentBehaviour = {
  __typename?: 'PaymentBehaviour';
  /** beyond the due date, 0 when on time */
  avgDaysLate: Scalars['Float']['output'];
  /** issue date to settlement */
  avgDaysToPay: Scalars['Float']['output'];
  /** settled after the due date, 0 to 1 */
  lateShare: Scalars['Float']['output'];
  paidInvoices: Scalars['Int']['output'];
};

/** Companies compared together: a country or the Benelux, whole, per NACE section or per division. */
export type PeerGroup = {
  __typename?: 'PeerGroup';
  /** null when the group is under the privacy floor */
  companyCount?: Maybe<Scalars['Int']['output']>;
  /** ISO country, or "BNL" for the whole Benelux */
  country: Scalars['String']['output'];
  /** "construction (F) in Belgium" */
  name: Scalars['String']['output'];
  /** "" for all sectors, a NACE section letter ("F") or a division ("41") */
  sector: Scalars['String']['output'];
};

/** Chart resolution of a score history. */
export type Period =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

/** When a member can expect one of its open invoices to be paid. */
export type PredictedPayment = {
  __typename?: 'PredictedPayment';
  dueDate: Scalars['Date']['output'];
  /** 20th percentile */
  early: Scalars['Date']['output'];
  /** the median pay date */
  expected: Scalars['Date']['output'];
  /** how much of the debtor's own payment history the prediction rests on */
  experiences: Scalars['Float']['output'];
  invoiceId: Scalars['ID']['output'];
  /** 80th percentile */
  late: Scalars['Date']['output'];
  outstanding: Money;
};

export type Query = {
  __typename?: 'Query';
  /** API keys, newest first (at most 500). Admins only. */
  apiKeys: Array<ApiKey>;
  /** Up to 1,000 companies by VAT number, in the order asked. Their fields are fetched with one backend call per field for all of them. */
  companies: Array<Company>;
  /** A company by VAT number (BE, NL or LU, any common spelling). */
  company: Company;
  /** Your receivables today: outstanding and overdue, ageing, DSO, your largest and riskiest debtors, recent activity, how your customers pay, and where you stand. Members only. */
  dashboard: Dashboard;
  /** Deliveries of a webhook given up after the retry window, oldest first (100 at most, after the delivery id `after`); replay them with replayDeadLetters. */
  deadLetters: Array<DeadLetter>;
  /** One of your uploaded documents, with the fields OCR read. */
  document?: Maybe<Document>;
  /** Your uploaded documents, newest first, filtered (for example READY: the drafts waiting for you); at most 100 a page. */
  documents: DocumentConnection;
  /** The register's highest scores first, optionally in one country, NACE section or division ("F", "F41") and from a level up. */
  highestRisk: CompanyConnection;
  /** One of your CSV import jobs, with its progress and refused rows; null if it is not yours or does not exist. Needs invoices:write or invoices:read. */
  importJob?: Maybe<ImportJob>;
  /** Your CSV import jobs, newest first, filtered; at most 100 a page. Needs invoices:write or invoices:read. */
  importJobs: ImportJobConnection;
  /** One of your invoices; null if it is not yours or does not exist. */
  invoice?: Maybe<Invoice>;
  /** Your invoices, newest first, filtered. */
  invoices: InvoiceConnection;
  /** Companies by name, the company registry's names (every language) first: names starting with the query, then names whose words start with its words (accents, case and punctuation ignored, any order), then names like it; or by an enterprise or VAT number or its start. At most 20, best first. */
  searchCompanies: Array<Company>;
  /** A peer group's figures: a country ("BE", "NL", "LU", or "BNL" for the Benelux), optionally one NACE section ("F") or division ("41"). A group under the privacy floor is withheld and the next wider group answers. */
  sectorBenchmark: SectorBenchmark;
  /** The peer groups of a country (or all) with their sizes. */
  sectors: Array<SectorSize>;
  /** Your watchlists. Needs risk:subscribe. */
  watchlists: Array<Watchlist>;
  /** Your webhooks with their state. Needs risk:subscribe. */
  webhooks: Array<Webhook>;
};


export type QueryApiKeysArgs = {
  includeRevoked?: Scalars['Boolean']['input'];
  memberVat?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCompaniesArgs = {
  vats: Array<Scalars['String']['input']>;
};


export type QueryCompanyArgs = {
  vat: Scalars['String']['input'];
};


export type QueryDashboardArgs = {
  activity?: Scalars['Int']['input'];
  debtors?: Scalars['Int']['input'];
};


export type QueryDeadLettersArgs = {
  after?: Scalars['Int']['input'];
  first?: Scalars['Int']['input'];
  webhookId: Scalars['ID']['input'];
};


export type QueryDocumentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDocumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<DocumentFilterInput>;
  first?: Scalars['Int']['input'];
};


export type QueryHighestRiskArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  minLevel?: InputMaybe<RiskLevel>;
  sector?: InputMaybe<Scalars['String']['input']>;
};


export type QueryImportJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryImportJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ImportJobFilterInput>;
  first?: Scalars['Int']['input'];
};


export type QueryInvoiceArgs = {
  id: Scalars['ID']['input'];
};


export type QueryInvoicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InvoiceFilterInput>;
  first?: Scalars['Int']['input'];
};


export type QuerySearchCompaniesArgs = {
  country?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  query: Scalars['String']['input'];
};


export type QuerySectorBenchmarkArgs = {
  country: Scalars['String']['input'];
  sector?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySectorsArgs = {
  country?: InputMaybe<Scalars['String']['input']>;
};

/** A payment received; without `amount` the invoice is settled. */
export type RecordPaymentInput = {
  amount?: InputMaybe<Scalars['Decimal']['input']>;
  invoiceId: Scalars['ID']['input'];
  paidDate: Scalars['Date']['input'];
};

/** One of a company's names in the registry. */
export type RegistryName = {
  __typename?: 'RegistryName';
  /** "NL", "FR", "DE", "EN"; null unknown */
  language?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** name, abbreviation, commercial or branch */
  type: Scalars['String']['output'];
};

/** Whether the registry lists the company as active. */
export type RegistryStatus =
  | 'ACTIVE'
  | 'STOPPED';

export type RejectedVat = {
  __typename?: 'RejectedVat';
  /** The CSV line, or the position in the list (1..) */
  line: Scalars['Int']['output'];
  message: Scalars['String']['output'];
  /** The value, cut to 40 characters */
  value: Scalars['String']['output'];
};

/** A debtor's risk changed (level, or the score moved enough). */
export type RiskChange = {
  __typename?: 'RiskChange';
  /** new_facts, ageing, rescore or model_change */
  cause: Scalars['String']['output'];
  changedAt: Scalars['DateTime']['output'];
  country: Scalars['String']['output'];
  /** The event id (webhooks carry the same): resume after it. */
  id: Scalars['ID']['output'];
  level: RiskLevel;
  modelChange: Scalars['Boolean']['output'];
  modelVersion: Scalars['String']['output'];
  previousLevel?: Maybe<RiskLevel>;
  previousScore?: Maybe<Scalars['Int']['output']>;
  reasons: Array<RiskReason>;
  score: Scalars['Int']['output'];
  sector: Scalars['String']['output'];
  /** Its position in the feed; also a resume point */
  sequence: Scalars['Int']['output'];
  trend: Trend;
  vat: Scalars['String']['output'];
  /** Your lists that wanted it. */
  watchlists: Array<Scalars['ID']['output']>;
};

/** One reason behind the score; the points of all factors add up to it. */
export type RiskFactor = {
  __typename?: 'RiskFactor';
  points: Scalars['Int']['output'];
  /** stable code, e.g. PAYMENT_TIMING, OLDEST_OVERDUE */
  reason: Scalars['String']['output'];
  sentence: Scalars['String']['output'];
  /** the measured input, in the sentence's unit */
  value: Scalars['Float']['output'];
};

/** low 0-30, medium 31-50, high 51-70, critical 71-100 */
export type RiskLevel =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

/** A debtor's payment risk from all members' experiences, as of today. */
export type RiskProfile = {
  __typename?: 'RiskProfile';
  amountDisclosure: Disclosure;
  asOf: Scalars['Date']['output'];
  avgDaysLate: Scalars['Float']['output'];
  avgDaysToPay: Scalars['Float']['output'];
  confidence: Confidence;
  countDisclosure: Disclosure;
  creditLimit: CreditLimit;
  /** amount- and recency-weighted days beyond terms (the score's main input) */
  daysBeyondTerms: Scalars['Float']['output'];
  /** effective payment experiences behind it */
  experiences: Scalars['Float']['output'];
  /** largest first */
  factors: Array<RiskFactor>;
  /** null unless countDisclosure EXACT */
  invoiceCount?: Maybe<Scalars['Int']['output']>;
  invoiceCountBand: CountBand;
  /** share of invoices paid late, 0 to 1 */
  lateShare: Scalars['Float']['output'];
  level: RiskLevel;
  modelVersion: Scalars['String']['output'];
  oldestOverdueDays: Scalars['Int']['output'];
  /** null unless amountDisclosure EXACT */
  openAmount?: Maybe<Money>;
  openAmountBand?: Maybe<AmountBand>;
  overdueAmount?: Maybe<Money>;
  overdueAmountBand?: Maybe<AmountBand>;
  paidCount?: Maybe<Scalars['Int']['output']>;
  /** 0 (no risk) to 100 (worst) */
  score: Scalars['Int']['output'];
  supplierCount: Scalars['Int']['output'];
  trend: Trend;
  trendSentence: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type RiskReason = {
  __typename?: 'RiskReason';
  code: Scalars['String']['output'];
  points: Scalars['Int']['output'];
  sentence: Scalars['String']['output'];
};

/** A debtor of yours at high or critical risk. */
export type RiskyDebtor = {
  __typename?: 'RiskyDebtor';
  exposure: DebtorExposure;
  level: RiskLevel;
  score: Scalars['Int']['output'];
};

/** The score at the end of one period, with its range in the period. */
export type ScorePoint = {
  __typename?: 'ScorePoint';
  level?: Maybe<RiskLevel>;
  maxScore?: Maybe<Scalars['Int']['output']>;
  minScore?: Maybe<Scalars['Int']['output']>;
  periodStart: Scalars['Date']['output'];
  /** null before the debtor's first profile */
  score?: Maybe<Scalars['Int']['output']>;
};

/** A peer group's figures: every measure, the levels, the trend. */
export type SectorBenchmark = {
  __typename?: 'SectorBenchmark';
  asked: PeerGroup;
  group?: Maybe<PeerGroup>;
  levels: LevelCounts;
  measures: Array<MeasureDistribution>;
  /** the privacy floor */
  minGroupSize: Scalars['Int']['output'];
  trends: Array<MeasureTrend>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** the group asked for is under the privacy floor: `group` answers instead */
  withheld: Scalars['Boolean']['output'];
};

/** Your customers' days to pay beside the median of your sector. */
export type SectorComparison = {
  __typename?: 'SectorComparison';
  /** days to pay in the group compared with (wider when yours is too small) */
  distribution?: Maybe<MeasureDistribution>;
  sectorMedianDaysToPay?: Maybe<Scalars['Float']['output']>;
  sentence: Scalars['String']['output'];
  yourDaysToPay?: Maybe<Scalars['Float']['output']>;
};

/** A peer group and whether it was shown on its own. */
export type SectorSize = {
  __typename?: 'SectorSize';
  group: PeerGroup;
  withheld: Scalars['Boolean']['output'];
};

/** An invoice entered as structured data. */
export type SubmitInvoiceInput = {
  /** total payable, at most two decimals */
  amount: Scalars['Decimal']['input'];
  currency?: Scalars['String']['input'];
  debtorName?: Scalars['String']['input'];
  /** NACE code, e.g. F or 41.20 */
  debtorSector?: Scalars['String']['input'];
  /** any common spelling: "BE 0123.456.749" */
  debtorVat: Scalars['String']['input'];
  dueDate: Scalars['Date']['input'];
  invoiceNumber: Scalars['String']['input'];
  issueDate: Scalars['Date']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Your documents as their extraction ends (READY with a draft, or FAILED). */
  documentProcessed: Document;
  /** One of your CSV import jobs as it runs: its state now, then each time its status or counts change, until DONE or FAILED (then the stream ends). NOT_FOUND if it is not yours. Needs invoices:write or invoices:read. */
  importProgress: ImportJob;
  /** Risk changes your watchlists want, in order per debtor. Reconnect with `after` (the last id or sequence you received) or `since` (a time) to get what you missed from the feed, then live changes. Needs risk:subscribe; ends with UNAUTHENTICATED when the key is revoked. */
  riskChanged: RiskChange;
};


export type SubscriptionImportProgressArgs = {
  id: Scalars['ID']['input'];
};


export type SubscriptionRiskChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How payment behaviour moves (lateness regressed on time). */
export type Trend =
  | 'DETERIORATING'
  | 'IMPROVING'
  | 'STABLE'
  | 'UNKNOWN';

/** A month's median (null when too few companies that month). */
export type TrendPoint = {
  __typename?: 'TrendPoint';
  count: Scalars['Int']['output'];
  median?: Maybe<Scalars['Float']['output']>;
  month: Scalars['Date']['output'];
};

/** Debtors a partner follows, and how loud a change must be. */
export type Watchlist = {
  __typename?: 'Watchlist';
  /** Every debtor of these countries. */
  countries: Array<Scalars['String']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Changes that leave or reach at least this level. */
  minLevel: RiskLevel;
  /** Without a level change, the score must move at least this much. */
  minScoreMove: Scalars['Int']['output'];
  /** Whether changes a new scoring model made are wanted (muted by default). */
  modelChanges: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** Every debtor in these NACE codes (F covers F41). */
  sectors: Array<Scalars['String']['output']>;
  vatCount: Scalars['Int']['output'];
  /** Its VAT numbers in order, after `after` (100 at most). */
  vats: Array<Scalars['String']['output']>;
};


/** Debtors a partner follows, and how loud a change must be. */
export type WatchlistVatsArgs = {
  after?: Scalars['String']['input'];
  first?: Scalars['Int']['input'];
};

export type WatchlistChange = {
  __typename?: 'WatchlistChange';
  added: Scalars['Int']['output'];
  alreadyListed: Scalars['Int']['output'];
  /** The first 100 refused. */
  rejected: Array<RejectedVat>;
  rejectedCount: Scalars['Int']['output'];
  watchlist: Watchlist;
};

export type WatchlistInput = {
  countries?: Array<Scalars['String']['input']>;
  minLevel?: RiskLevel;
  minScoreMove?: Scalars['Int']['input'];
  modelChanges?: Scalars['Boolean']['input'];
  name: Scalars['String']['input'];
  sectors?: Array<Scalars['String']['input']>;
  vats?: Array<Scalars['String']['input']>;
};

/** What to change; what is left out stays. */
export type WatchlistRulesInput = {
  countries?: InputMaybe<Array<Scalars['String']['input']>>;
  minLevel?: InputMaybe<RiskLevel>;
  minScoreMove?: InputMaybe<Scalars['Int']['input']>;
  modelChanges?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  sectors?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type Webhook = {
  __typename?: 'Webhook';
  createdAt: Scalars['DateTime']['output'];
  deadLetters: Scalars['Int']['output'];
  /** 0: one call per change; otherwise one call per period with all changes. */
  digestSeconds: Scalars['Int']['output'];
  /** Failed calls since the last success. */
  failures: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastSuccessAt?: Maybe<Scalars['DateTime']['output']>;
  pausedAt?: Maybe<Scalars['DateTime']['output']>;
  pausedReason?: Maybe<Scalars['String']['output']>;
  /** Deliveries waiting (or being retried). */
  pending: Scalars['Int']['output'];
  state: WebhookState;
  url: Scalars['String']['output'];
};

/** A new webhook and its signing secret (shown this once). */
export type WebhookRegistration = {
  __typename?: 'WebhookRegistration';
  secret: Scalars['String']['output'];
  webhook: Webhook;
};

export type WebhookState =
  | 'ACTIVE'
  | 'PAUSED';

export type DashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardQuery = { __typename?: 'Query', dashboard: { __typename?: 'Dashboard', asOf: string, openInvoices: number, overdueInvoices: number, disputedInvoices: number, debtorCount: number, outstanding: { __typename?: 'Money', amount: string, currency: string }, overdue: { __typename?: 'Money', amount: string, currency: string }, ageing: Array<{ __typename?: 'AgeingBucket', label: string, fromDays?: number | null, toDays?: number | null, count: number, amount: { __typename?: 'Money', amount: string, currency: string } }>, dso?: { __typename?: 'Dso', days: number, method: string, invoiced90Days: { __typename?: 'Money', amount: string, currency: string } } | null, debtors: Array<{ __typename?: 'DebtorExposure', name: string, openInvoices: number, oldestOverdueDays: number, company: { __typename?: 'Company', vat: string }, outstanding: { __typename?: 'Money', amount: string, currency: string }, overdue: { __typename?: 'Money', amount: string, currency: string } }>, riskyDebtors: Array<{ __typename?: 'RiskyDebtor', score: number, level: RiskLevel, exposure: { __typename?: 'DebtorExposure', name: string, oldestOverdueDays: number, company: { __typename?: 'Company', vat: string }, outstanding: { __typename?: 'Money', amount: string, currency: string } } }>, recentActivity: Array<{ __typename?: 'Activity', kind: ActivityKind, invoiceId: string, invoiceNumber: string, debtorName: string, at: string, debtor: { __typename?: 'Company', vat: string }, amount: { __typename?: 'Money', amount: string, currency: string } }>, paymentBehaviour: { __typename?: 'PaymentBehaviour', paidInvoices: number, avgDaysToPay: number, avgDaysLate: number, lateShare: number }, sectorComparison: { __typename?: 'SectorComparison', yourDaysToPay?: number | null, sectorMedianDaysToPay?: number | null, distribution?: { __typename?: 'MeasureDistribution', group?: { __typename?: 'PeerGroup', name: string } | null } | null } } };

export type SearchCompaniesQueryVariables = Exact<{
  q: Scalars['String']['input'];
}>;


export type SearchCompaniesQuery = { __typename?: 'Query', searchCompanies: Array<{ __typename?: 'Company', vat: string, country: string, name?: string | null, sector?: string | null, riskProfile?: { __typename?: 'RiskProfile', score: number, level: RiskLevel } | null }> };

export type ImportJobsQueryVariables = Exact<{ [key: string]: never; }>;


export type ImportJobsQuery = { __typename?: 'Query', importJobs: { __typename?: 'ImportJobConnection', nodes: Array<{ __typename?: 'ImportJob', id: string, kind: ImportKind, status: ImportStatus, filename: string, rowsDone: number, accepted: number, rejected: number, progress: number, errorCode?: string | null, createdAt: string }> } };

export type ImportProgressSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ImportProgressSubscription = { __typename?: 'Subscription', importProgress: { __typename?: 'ImportJob', id: string, kind: ImportKind, status: ImportStatus, filename: string, rowsDone: number, accepted: number, rejected: number, progress: number, errorCode?: string | null, createdAt: string, errors: Array<{ __typename?: 'ImportRowError', line: number, code: string, message: string }> } };

export type ImportCsvMutationVariables = Exact<{
  file: Scalars['Upload']['input'];
  kind: ImportKind;
}>;


export type ImportCsvMutation = { __typename?: 'Mutation', importCsv: { __typename?: 'ImportJob', id: string, status: ImportStatus, filename: string } };

export type ImportEInvoiceMutationVariables = Exact<{
  file: Scalars['Upload']['input'];
}>;


export type ImportEInvoiceMutation = { __typename?: 'Mutation', importEInvoice: { __typename?: 'EInvoiceImport', creditNote: boolean, syntax: string, notes: Array<string>, invoice: { __typename?: 'Invoice', id: string, invoiceNumber: string } } };

export type InvoicesQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<InvoiceFilterInput>;
}>;


export type InvoicesQuery = { __typename?: 'Query', invoices: { __typename?: 'InvoiceConnection', edges: Array<{ __typename?: 'InvoiceEdge', cursor?: string | null, node: { __typename?: 'Invoice', id: string, status: InvoiceStatus, invoiceNumber: string, debtorName: string, issueDate: string, dueDate: string, disputed: boolean, disputeReason: string, debtor: { __typename?: 'Company', vat: string }, amount: { __typename?: 'Money', amount: string, currency: string }, paidAmount: { __typename?: 'Money', amount: string, currency: string }, creditedAmount: { __typename?: 'Money', amount: string, currency: string } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type PayMutationVariables = Exact<{
  input: RecordPaymentInput;
}>;


export type PayMutation = { __typename?: 'Mutation', recordPayment: { __typename?: 'Invoice', id: string, status: InvoiceStatus, paidDate?: string | null, paidAmount: { __typename?: 'Money', amount: string, currency: string } } };

export type CreditMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  amount: Scalars['Decimal']['input'];
  number: Scalars['String']['input'];
}>;


export type CreditMutation = { __typename?: 'Mutation', creditInvoice: { __typename?: 'Invoice', id: string, status: InvoiceStatus, creditedAmount: { __typename?: 'Money', amount: string, currency: string } } };

export type CorrectMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  amount?: InputMaybe<Scalars['Decimal']['input']>;
  dueDate?: InputMaybe<Scalars['Date']['input']>;
}>;


export type CorrectMutation = { __typename?: 'Mutation', correctInvoice: { __typename?: 'Invoice', id: string, dueDate: string, amount: { __typename?: 'Money', amount: string, currency: string } } };

export type DisputeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
}>;


export type DisputeMutation = { __typename?: 'Mutation', disputeInvoice: { __typename?: 'Invoice', id: string, disputed: boolean, disputeReason: string } };

export type ResolveMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResolveMutation = { __typename?: 'Mutation', resolveDispute: { __typename?: 'Invoice', id: string, disputed: boolean } };

export type PartnerFeedQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerFeedQuery = { __typename?: 'Query', watchlists: Array<{ __typename?: 'Watchlist', id: string, name: string, minLevel: RiskLevel, minScoreMove: number, countries: Array<string>, sectors: Array<string>, vatCount: number, createdAt?: string | null }>, webhooks: Array<{ __typename?: 'Webhook', id: string, url: string, digestSeconds: number, state: WebhookState, pausedReason?: string | null, failures: number, lastError?: string | null, lastSuccessAt?: string | null, pending: number, deadLetters: number, createdAt: string }> };

export type CreateWatchlistMutationVariables = Exact<{
  input: WatchlistInput;
}>;


export type CreateWatchlistMutation = { __typename?: 'Mutation', createWatchlist: { __typename?: 'WatchlistChange', added: number, rejectedCount: number, rejected: Array<{ __typename?: 'RejectedVat', line: number, value: string, message: string }>, watchlist: { __typename?: 'Watchlist', id: string } } };

export type DeleteWatchlistMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteWatchlistMutation = { __typename?: 'Mutation', deleteWatchlist: boolean };

export type CreateWebhookMutationVariables = Exact<{
  url: Scalars['String']['input'];
}>;


export type CreateWebhookMutation = { __typename?: 'Mutation', createWebhook: { __typename?: 'WebhookRegistration', secret: string, webhook: { __typename?: 'Webhook', id: string } } };

export type PauseWebhookMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PauseWebhookMutation = { __typename?: 'Mutation', pauseWebhook: { __typename?: 'Webhook', id: string, state: WebhookState } };

export type ResumeWebhookMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResumeWebhookMutation = { __typename?: 'Mutation', resumeWebhook: { __typename?: 'Webhook', id: string, state: WebhookState } };

export type DeleteWebhookMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteWebhookMutation = { __typename?: 'Mutation', deleteWebhook: boolean };

export type UploadInvoiceMutationVariables = Exact<{
  file: Scalars['Upload']['input'];
}>;


export type UploadInvoiceMutation = { __typename?: 'Mutation', uploadInvoice: { __typename?: 'Document', id: string, status: DocumentStatus, filename: string, uploadedAt: string } };

export type DocumentProcessedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DocumentProcessedSubscription = { __typename?: 'Subscription', documentProcessed: { __typename?: 'Document', id: string, status: DocumentStatus, filename: string, errorCode?: string | null, uploadedAt: string } };

export type RecentDocumentsQueryVariables = Exact<{ [key: string]: never; }>;


export type RecentDocumentsQuery = { __typename?: 'Query', documents: { __typename?: 'DocumentConnection', nodes: Array<{ __typename?: 'Document', id: string, status: DocumentStatus, filename: string, errorCode?: string | null, uploadedAt: string }> } };

export type DraftQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DraftQuery = { __typename?: 'Query', document?: { __typename?: 'Document', id: string, status: DocumentStatus, filename: string, contentType: string, errorCode?: string | null, errorMessage?: string | null, invoiceId?: string | null, draft?: { __typename?: 'DraftInvoice', sellerIsMember?: boolean | null, debtorName?: { __typename?: 'ExtractedField', value: string, confidence: number, needsReview: boolean, box?: { __typename?: 'Box', page: number, x: number, y: number, width: number, height: number } | null } | null, debtorVat?: { __typename?: 'ExtractedField', value: string, confidence: number, needsReview: boolean, box?: { __typename?: 'Box', page: number, x: number, y: number, width: number, height: number } | null } | null, invoiceNumber?: { __typename?: 'ExtractedField', value: string, confidence: number, needsReview: boolean, box?: { __typename?: 'Box', page: number, x: number, y: number, width: number, height: number } | null } | null, issueDate?: { __typename?: 'ExtractedField', value: string, confidence: number, needsReview: boolean, box?: { __typename?: 'Box', page: number, x: number, y: number, width: number, height: number } | null } | null, dueDate?: { __typename?: 'ExtractedField', value: string, confidence: number, needsReview: boolean, box?: { __typename?: 'Box', page: number, x: number, y: number, width: number, height: number } | null } | null, totalAmount?: { __typename?: 'ExtractedField', value: string, confidence: number, needsReview: boolean, box?: { __typename?: 'Box', page: number, x: number, y: number, width: number, height: number } | null } | null, sellerName?: { __typename?: 'ExtractedField', value: string, confidence: number, needsReview: boolean, box?: { __typename?: 'Box', page: number, x: number, y: number, width: number, height: number } | null } | null } | null } | null };

export type ConfirmInvoiceMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  fix?: InputMaybe<InvoiceCorrectionsInput>;
}>;


export type ConfirmInvoiceMutation = { __typename?: 'Mutation', confirmInvoice: { __typename?: 'Invoice', id: string, invoiceNumber: string } };

export type RejectDocumentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RejectDocumentMutation = { __typename?: 'Mutation', rejectDocument: { __typename?: 'Document', id: string, status: DocumentStatus } };

export type DebtorQueryVariables = Exact<{
  vat: Scalars['String']['input'];
}>;


export type DebtorQuery = { __typename?: 'Query', company: { __typename?: 'Company', vat: string, country: string, name?: string | null, sector?: string | null, trend?: Trend | null, creditLimit?: { __typename?: 'CreditLimit', advised: boolean, amount?: { __typename?: 'Money', amount: string, currency: string } | null } | null, riskProfile?: { __typename?: 'RiskProfile', score: number, level: RiskLevel, trend: Trend, confidence: Confidence, asOf: string, avgDaysToPay: number, avgDaysLate: number, daysBeyondTerms: number, lateShare: number, oldestOverdueDays: number, supplierCount: number, invoiceCount?: number | null, countDisclosure: Disclosure, invoiceCountBand: { __typename?: 'CountBand', lower: number, upper?: number | null }, factors: Array<{ __typename?: 'RiskFactor', reason: string, points: number, value: number, sentence: string }> } | null, scoreHistory: Array<{ __typename?: 'ScorePoint', periodStart: string, score?: number | null, level?: RiskLevel | null, minScore?: number | null, maxScore?: number | null }>, benchmark?: { __typename?: 'CompanyBenchmark', section?: string | null, division?: string | null, placements: Array<{ __typename?: 'BenchmarkPlacement', scope: BenchmarkScope, withheld: boolean, asked: { __typename?: 'PeerGroup', name: string }, measures: Array<{ __typename?: 'MeasurePosition', measure: BenchmarkMeasure, known: boolean, value?: number | null, betterThan?: number | null, group: { __typename?: 'MeasureDistribution', median?: number | null, group?: { __typename?: 'PeerGroup', name: string } | null } }> }> } | null } };

export type DebtorMemberQueryVariables = Exact<{
  vat: Scalars['String']['input'];
}>;


export type DebtorMemberQuery = { __typename?: 'Query', company: { __typename?: 'Company', vat: string, predictedPayments: Array<{ __typename?: 'PredictedPayment', invoiceId: string, dueDate: string, expected: string, early: string, late: string, outstanding: { __typename?: 'Money', amount: string, currency: string } }>, actionPlan?: { __typename?: 'ActionPlan', level: RiskLevel, advice: Array<string>, law: string, reminder?: { __typename?: 'GroupedReminder', step: DunningStep, outstanding: { __typename?: 'Money', amount: string, currency: string }, lateInterest: { __typename?: 'Money', amount: string, currency: string }, compensation: { __typename?: 'Money', amount: string, currency: string } } | null, invoices: Array<{ __typename?: 'InvoicePlan', invoiceId: string, dueDate: string, daysOverdue: number, step: DunningStep, nextStep?: DunningStep | null, nextStepDate?: string | null, interestRate: number, outstanding: { __typename?: 'Money', amount: string, currency: string }, lateInterest: { __typename?: 'Money', amount: string, currency: string }, compensation: { __typename?: 'Money', amount: string, currency: string } }> } | null }, invoices: { __typename?: 'InvoiceConnection', nodes: Array<{ __typename?: 'Invoice', id: string, invoiceNumber: string }> } };


export const DashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"debtors"},"value":{"kind":"IntValue","value":"8"}},{"kind":"Argument","name":{"kind":"Name","value":"activity"},"value":{"kind":"IntValue","value":"8"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"openInvoices"}},{"kind":"Field","name":{"kind":"Name","value":"outstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overdueInvoices"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"disputedInvoices"}},{"kind":"Field","name":{"kind":"Name","value":"debtorCount"}},{"kind":"Field","name":{"kind":"Name","value":"ageing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"fromDays"}},{"kind":"Field","name":{"kind":"Name","value":"toDays"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dso"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"invoiced90Days"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"debtors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"openInvoices"}},{"kind":"Field","name":{"kind":"Name","value":"outstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"overdue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldestOverdueDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"riskyDebtors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"exposure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"company"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"outstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldestOverdueDays"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recentActivity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"debtorName"}},{"kind":"Field","name":{"kind":"Name","value":"debtor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paymentBehaviour"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paidInvoices"}},{"kind":"Field","name":{"kind":"Name","value":"avgDaysToPay"}},{"kind":"Field","name":{"kind":"Name","value":"avgDaysLate"}},{"kind":"Field","name":{"kind":"Name","value":"lateShare"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sectorComparison"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"yourDaysToPay"}},{"kind":"Field","name":{"kind":"Name","value":"sectorMedianDaysToPay"}},{"kind":"Field","name":{"kind":"Name","value":"distribution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const SearchCompaniesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchCompanies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"q"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchCompanies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"q"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vat"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sector"}},{"kind":"Field","name":{"kind":"Name","value":"riskProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}}]} as unknown as DocumentNode<SearchCompaniesQuery, SearchCompaniesQueryVariables>;
export const ImportJobsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportJobs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importJobs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"rowsDone"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<ImportJobsQuery, ImportJobsQueryVariables>;
export const ImportProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ImportProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"rowsDone"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ImportProgressSubscription, ImportProgressSubscriptionVariables>;
export const ImportCsvDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportCsv"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportKind"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importCsv"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}}]}}]}}]} as unknown as DocumentNode<ImportCsvMutation, ImportCsvMutationVariables>;
export const ImportEInvoiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportEInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importEInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditNote"}},{"kind":"Field","name":{"kind":"Name","value":"syntax"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"invoice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}}]}}]}}]}}]} as unknown as DocumentNode<ImportEInvoiceMutation, ImportEInvoiceMutationVariables>;
export const InvoicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Invoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InvoiceFilterInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"debtorName"}},{"kind":"Field","name":{"kind":"Name","value":"debtor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"issueDate"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paidAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"creditedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"disputed"}},{"kind":"Field","name":{"kind":"Name","value":"disputeReason"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<InvoicesQuery, InvoicesQueryVariables>;
export const PayDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Pay"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordPaymentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordPayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"paidAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paidDate"}}]}}]}}]} as unknown as DocumentNode<PayMutation, PayMutationVariables>;
export const CreditDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Credit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amount"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Decimal"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"invoiceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"amount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amount"}}},{"kind":"Argument","name":{"kind":"Name","value":"creditNoteNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"creditedAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<CreditMutation, CreditMutationVariables>;
export const CorrectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Correct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amount"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Decimal"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dueDate"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"correctInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"invoiceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"amount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amount"}}},{"kind":"Argument","name":{"kind":"Name","value":"dueDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dueDate"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}}]}}]}}]} as unknown as DocumentNode<CorrectMutation, CorrectMutationVariables>;
export const DisputeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Dispute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disputeInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"invoiceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"disputed"}},{"kind":"Field","name":{"kind":"Name","value":"disputeReason"}}]}}]}}]} as unknown as DocumentNode<DisputeMutation, DisputeMutationVariables>;
export const ResolveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Resolve"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveDispute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"invoiceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"disputed"}}]}}]}}]} as unknown as DocumentNode<ResolveMutation, ResolveMutationVariables>;
export const PartnerFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerFeed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"watchlists"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"minLevel"}},{"kind":"Field","name":{"kind":"Name","value":"minScoreMove"}},{"kind":"Field","name":{"kind":"Name","value":"countries"}},{"kind":"Field","name":{"kind":"Name","value":"sectors"}},{"kind":"Field","name":{"kind":"Name","value":"vatCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"webhooks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"digestSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"pausedReason"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"deadLetters"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<PartnerFeedQuery, PartnerFeedQueryVariables>;
export const CreateWatchlistDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWatchlist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WatchlistInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWatchlist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"added"}},{"kind":"Field","name":{"kind":"Name","value":"rejectedCount"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"watchlist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CreateWatchlistMutation, CreateWatchlistMutationVariables>;
export const DeleteWatchlistDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteWatchlist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWatchlist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteWatchlistMutation, DeleteWatchlistMutationVariables>;
export const CreateWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"url"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"url"},"value":{"kind":"Variable","name":{"kind":"Name","value":"url"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"webhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const PauseWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<PauseWebhookMutation, PauseWebhookMutationVariables>;
export const ResumeWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<ResumeWebhookMutation, ResumeWebhookMutationVariables>;
export const DeleteWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const UploadInvoiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UploadInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"uploadedAt"}}]}}]}}]} as unknown as DocumentNode<UploadInvoiceMutation, UploadInvoiceMutationVariables>;
export const DocumentProcessedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DocumentProcessed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documentProcessed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"uploadedAt"}}]}}]}}]} as unknown as DocumentNode<DocumentProcessedSubscription, DocumentProcessedSubscriptionVariables>;
export const RecentDocumentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecentDocuments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"documents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"uploadedAt"}}]}}]}}]}}]} as unknown as DocumentNode<RecentDocumentsQuery, RecentDocumentsQueryVariables>;
export const DraftDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Draft"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"document"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"draft"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"debtorName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"needsReview"}},{"kind":"Field","name":{"kind":"Name","value":"box"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"debtorVat"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"needsReview"}},{"kind":"Field","name":{"kind":"Name","value":"box"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"needsReview"}},{"kind":"Field","name":{"kind":"Name","value":"box"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"issueDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"needsReview"}},{"kind":"Field","name":{"kind":"Name","value":"box"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"needsReview"}},{"kind":"Field","name":{"kind":"Name","value":"box"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalAmount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"needsReview"}},{"kind":"Field","name":{"kind":"Name","value":"box"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sellerName"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"needsReview"}},{"kind":"Field","name":{"kind":"Name","value":"box"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sellerIsMember"}}]}}]}}]}}]} as unknown as DocumentNode<DraftQuery, DraftQueryVariables>;
export const ConfirmInvoiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmInvoice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fix"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"InvoiceCorrectionsInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmInvoice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"corrections"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fix"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}}]}}]}}]} as unknown as DocumentNode<ConfirmInvoiceMutation, ConfirmInvoiceMutationVariables>;
export const RejectDocumentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectDocument"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectDocument"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"documentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RejectDocumentMutation, RejectDocumentMutationVariables>;
export const DebtorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Debtor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"vat"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"company"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"vat"},"value":{"kind":"Variable","name":{"kind":"Name","value":"vat"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vat"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sector"}},{"kind":"Field","name":{"kind":"Name","value":"trend"}},{"kind":"Field","name":{"kind":"Name","value":"creditLimit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"advised"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"riskProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"trend"}},{"kind":"Field","name":{"kind":"Name","value":"confidence"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"avgDaysToPay"}},{"kind":"Field","name":{"kind":"Name","value":"avgDaysLate"}},{"kind":"Field","name":{"kind":"Name","value":"daysBeyondTerms"}},{"kind":"Field","name":{"kind":"Name","value":"lateShare"}},{"kind":"Field","name":{"kind":"Name","value":"oldestOverdueDays"}},{"kind":"Field","name":{"kind":"Name","value":"supplierCount"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceCount"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceCountBand"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lower"}},{"kind":"Field","name":{"kind":"Name","value":"upper"}}]}},{"kind":"Field","name":{"kind":"Name","value":"countDisclosure"}},{"kind":"Field","name":{"kind":"Name","value":"factors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"sentence"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"scoreHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"EnumValue","value":"MONTH"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"periodStart"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"minScore"}},{"kind":"Field","name":{"kind":"Name","value":"maxScore"}}]}},{"kind":"Field","name":{"kind":"Name","value":"benchmark"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"section"}},{"kind":"Field","name":{"kind":"Name","value":"division"}},{"kind":"Field","name":{"kind":"Name","value":"placements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"withheld"}},{"kind":"Field","name":{"kind":"Name","value":"asked"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"measures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"measure"}},{"kind":"Field","name":{"kind":"Name","value":"known"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"betterThan"}},{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"median"}},{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DebtorQuery, DebtorQueryVariables>;
export const DebtorMemberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DebtorMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"vat"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"company"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"vat"},"value":{"kind":"Variable","name":{"kind":"Name","value":"vat"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vat"}},{"kind":"Field","name":{"kind":"Name","value":"predictedPayments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"outstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expected"}},{"kind":"Field","name":{"kind":"Name","value":"early"}},{"kind":"Field","name":{"kind":"Name","value":"late"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actionPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"advice"}},{"kind":"Field","name":{"kind":"Name","value":"law"}},{"kind":"Field","name":{"kind":"Name","value":"reminder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"outstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lateInterest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compensation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"invoices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoiceId"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"outstanding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"nextStep"}},{"kind":"Field","name":{"kind":"Name","value":"nextStepDate"}},{"kind":"Field","name":{"kind":"Name","value":"lateInterest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compensation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"interestRate"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"invoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"debtorVat"},"value":{"kind":"Variable","name":{"kind":"Name","value":"vat"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"statuses"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"OPEN"},{"kind":"EnumValue","value":"PARTIALLY_PAID"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"invoiceNumber"}}]}}]}}]}}]} as unknown as DocumentNode<DebtorMemberQuery, DebtorMemberQueryVariables>;