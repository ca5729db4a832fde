/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Dashboard {\n    dashboard(debtors: 8, activity: 8) {\n      asOf\n      openInvoices\n      outstanding { amount currency }\n      overdueInvoices\n      overdue { amount currency }\n      disputedInvoices\n      debtorCount\n      ageing { label fromDays toDays count amount { amount currency } }\n      dso { days method invoiced90Days { amount currency } }\n      debtors { company { vat } name openInvoices outstanding { amount currency } overdue { amount currency } oldestOverdueDays }\n      riskyDebtors { score level exposure { company { vat } name outstanding { amount currency } oldestOverdueDays } }\n      recentActivity { kind invoiceId invoiceNumber debtorName debtor { vat } amount { amount currency } at }\n      paymentBehaviour { paidInvoices avgDaysToPay avgDaysLate lateShare }\n      sectorComparison { yourDaysToPay sectorMedianDaysToPay distribution { group { name } } }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query SearchCompanies($q: String!) {\n    searchCompanies(query: $q, first: 20) {\n      vat\n      country\n      name\n      sector\n      riskProfile { score level }\n    }\n  }\n": typeof types.SearchCompaniesDocument,
    "\n  query ImportJobs {\n    importJobs(first: 10) {\n      nodes { id kind status filename rowsDone accepted rejected progress errorCode createdAt }\n    }\n  }\n": typeof types.ImportJobsDocument,
    "\n  subscription ImportProgress($id: ID!) {\n    importProgress(id: $id) {\n      id kind status filename rowsDone accepted rejected progress errorCode createdAt\n      errors(first: 50) { line code message }\n    }\n  }\n": typeof types.ImportProgressDocument,
    "mutation ImportCsv($file: Upload!, $kind: ImportKind!) { importCsv(file: $file, kind: $kind) { id status filename } }": typeof types.ImportCsvDocument,
    "mutation ImportEInvoice($file: Upload!) { importEInvoice(file: $file) { creditNote syntax notes invoice { id invoiceNumber } } }": typeof types.ImportEInvoiceDocument,
    "\n  query Invoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          invoiceNumber\n          debtorName\n          debtor { vat }\n          issueDate\n          dueDate\n          amount { amount currency }\n          paidAmount { amount currency }\n          creditedAmount { amount currency }\n          disputed\n          disputeReason\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.InvoicesDocument,
    "mutation Pay($input: RecordPaymentInput!) { recordPayment(input: $input) { id status paidAmount { amount currency } paidDate } }": typeof types.PayDocument,
    "mutation Credit($id: ID!, $amount: Decimal!, $number: String!) { creditInvoice(invoiceId: $id, amount: $amount, creditNoteNumber: $number) { id status creditedAmount { amount currency } } }": typeof types.CreditDocument,
    "mutation Correct($id: ID!, $amount: Decimal, $dueDate: Date) { correctInvoice(invoiceId: $id, amount: $amount, dueDate: $dueDate) { id amount { amount currency } dueDate } }": typeof types.CorrectDocument,
    "mutation Dispute($id: ID!, $reason: String!) { disputeInvoice(invoiceId: $id, reason: $reason) { id disputed disputeReason } }": typeof types.DisputeDocument,
    "mutation Resolve($id: ID!) { resolveDispute(invoiceId: $id) { id disputed } }": typeof types.ResolveDocument,
    "\n  query PartnerFeed {\n    watchlists { id name minLevel minScoreMove countries sectors vatCount createdAt }\n    webhooks { id url digestSeconds state pausedReason failures lastError lastSuccessAt pending deadLetters createdAt }\n  }\n": typeof types.PartnerFeedDocument,
    "mutation CreateWatchlist($input: WatchlistInput!) { createWatchlist(input: $input) { added rejectedCount rejected { line value message } watchlist { id } } }": typeof types.CreateWatchlistDocument,
    "mutation DeleteWatchlist($id: ID!) { deleteWatchlist(id: $id) }": typeof types.DeleteWatchlistDocument,
    "mutation CreateWebhook($url: String!) { createWebhook(url: $url) { secret webhook { id } } }": typeof types.CreateWebhookDocument,
    "mutation PauseWebhook($id: ID!) { pauseWebhook(id: $id) { id state } }": typeof types.PauseWebhookDocument,
    "mutation ResumeWebhook($id: ID!) { resumeWebhook(id: $id) { id state } }": typeof types.ResumeWebhookDocument,
    "mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }": typeof types.DeleteWebhookDocument,
    "mutation UploadInvoice($file: Upload!) { uploadInvoice(file: $file) { id status filename uploadedAt } }": typeof types.UploadInvoiceDocument,
    "subscription DocumentProcessed { documentProcessed { id status filename errorCode uploadedAt } }": typeof types.DocumentProcessedDocument,
    "query RecentDocuments { documents(first: 10) { nodes { id status filename errorCode uploadedAt } } }": typeof types.RecentDocumentsDocument,
    "\n  query Draft($id: ID!) {\n    document(id: $id) {\n      id\n      status\n      filename\n      contentType\n      errorCode\n      errorMessage\n      invoiceId\n      draft {\n        debtorName { value confidence needsReview box { page x y width height } }\n        debtorVat { value confidence needsReview box { page x y width height } }\n        invoiceNumber { value confidence needsReview box { page x y width height } }\n        issueDate { value confidence needsReview box { page x y width height } }\n        dueDate { value confidence needsReview box { page x y width height } }\n        totalAmount { value confidence needsReview box { page x y width height } }\n        sellerName { value confidence needsReview box { page x y width height } }\n        sellerIsMember\n      }\n    }\n  }\n": typeof types.DraftDocument,
    "mutation ConfirmInvoice($id: ID!, $fix: InvoiceCorrectionsInput) { confirmInvoice(documentId: $id, corrections: $fix) { id invoiceNumber } }": typeof types.ConfirmInvoiceDocument,
    "mutation RejectDocument($id: ID!) { rejectDocument(documentId: $id) { id status } }": typeof types.RejectDocumentDocument,
    "\n  query Debtor($vat: String!) {\n    company(vat: $vat) {\n      vat\n      country\n      name\n      sector\n      trend\n      creditLimit { advised amount { amount currency } }\n      riskProfile {\n        score\n        level\n        trend\n        confidence\n        asOf\n        avgDaysToPay\n        avgDaysLate\n        daysBeyondTerms\n        lateShare\n        oldestOverdueDays\n        supplierCount\n        invoiceCount\n        invoiceCountBand { lower upper }\n        countDisclosure\n        factors { reason points value sentence }\n      }\n      scoreHistory(period: MONTH) { periodStart score level minScore maxScore }\n      benchmark {\n        section\n        division\n        placements {\n          scope\n          withheld\n          asked { name }\n          measures { measure known value betterThan group { median group { name } } }\n        }\n      }\n    }\n  }\n": typeof types.DebtorDocument,
    "\n  query DebtorMember($vat: String!) {\n    company(vat: $vat) {\n      vat\n      predictedPayments { invoiceId dueDate outstanding { amount currency } expected early late }\n      actionPlan {\n        level\n        advice\n        law\n        reminder { step outstanding { amount currency } lateInterest { amount currency } compensation { amount currency } }\n        invoices {\n          invoiceId\n          dueDate\n          outstanding { amount currency }\n          daysOverdue\n          step\n          nextStep\n          nextStepDate\n          lateInterest { amount currency }\n          compensation { amount currency }\n          interestRate\n        }\n      }\n    }\n    invoices(first: 100, filter: { debtorVat: $vat, statuses: [OPEN, PARTIALLY_PAID] }) {\n      nodes { id invoiceNumber }\n    }\n  }\n": typeof types.DebtorMemberDocument,
};
const documents: Documents = {
    "\n  query Dashboard {\n    dashboard(debtors: 8, activity: 8) {\n      asOf\n      openInvoices\n      outstanding { amount currency }\n      overdueInvoices\n      overdue { amount currency }\n      disputedInvoices\n      debtorCount\n      ageing { label fromDays toDays count amount { amount currency } }\n      dso { days method invoiced90Days { amount currency } }\n      debtors { company { vat } name openInvoices outstanding { amount currency } overdue { amount currency } oldestOverdueDays }\n      riskyDebtors { score level exposure { company { vat } name outstanding { amount currency } oldestOverdueDays } }\n      recentActivity { kind invoiceId invoiceNumber debtorName debtor { vat } amount { amount currency } at }\n      paymentBehaviour { paidInvoices avgDaysToPay avgDaysLate lateShare }\n      sectorComparison { yourDaysToPay sectorMedianDaysToPay distribution { group { name } } }\n    }\n  }\n": types.DashboardDocument,
    "\n  query SearchCompanies($q: String!) {\n    searchCompanies(query: $q, first: 20) {\n      vat\n      country\n      name\n      sector\n      riskProfile { score level }\n    }\n  }\n": types.SearchCompaniesDocument,
    "\n  query ImportJobs {\n    importJobs(first: 10) {\n      nodes { id kind status filename rowsDone accepted rejected progress errorCode createdAt }\n    }\n  }\n": types.ImportJobsDocument,
    "\n  subscription ImportProgress($id: ID!) {\n    importProgress(id: $id) {\n      id kind status filename rowsDone accepted rejected progress errorCode createdAt\n      errors(first: 50) { line code message }\n    }\n  }\n": types.ImportProgressDocument,
    "mutation ImportCsv($file: Upload!, $kind: ImportKind!) { importCsv(file: $file, kind: $kind) { id status filename } }": types.ImportCsvDocument,
    "mutation ImportEInvoice($file: Upload!) { importEInvoice(file: $file) { creditNote syntax notes invoice { id invoiceNumber } } }": types.ImportEInvoiceDocument,
    "\n  query Invoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          invoiceNumber\n          debtorName\n          debtor { vat }\n          issueDate\n          dueDate\n          amount { amount currency }\n          paidAmount { amount currency }\n          creditedAmount { amount currency }\n          disputed\n          disputeReason\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.InvoicesDocument,
    "mutation Pay($input: RecordPaymentInput!) { recordPayment(input: $input) { id status paidAmount { amount currency } paidDate } }": types.PayDocument,
    "mutation Credit($id: ID!, $amount: Decimal!, $number: String!) { creditInvoice(invoiceId: $id, amount: $amount, creditNoteNumber: $number) { id status creditedAmount { amount currency } } }": types.CreditDocument,
    "mutation Correct($id: ID!, $amount: Decimal, $dueDate: Date) { correctInvoice(invoiceId: $id, amount: $amount, dueDate: $dueDate) { id amount { amount currency } dueDate } }": types.CorrectDocument,
    "mutation Dispute($id: ID!, $reason: String!) { disputeInvoice(invoiceId: $id, reason: $reason) { id disputed disputeReason } }": types.DisputeDocument,
    "mutation Resolve($id: ID!) { resolveDispute(invoiceId: $id) { id disputed } }": types.ResolveDocument,
    "\n  query PartnerFeed {\n    watchlists { id name minLevel minScoreMove countries sectors vatCount createdAt }\n    webhooks { id url digestSeconds state pausedReason failures lastError lastSuccessAt pending deadLetters createdAt }\n  }\n": types.PartnerFeedDocument,
    "mutation CreateWatchlist($input: WatchlistInput!) { createWatchlist(input: $input) { added rejectedCount rejected { line value message } watchlist { id } } }": types.CreateWatchlistDocument,
    "mutation DeleteWatchlist($id: ID!) { deleteWatchlist(id: $id) }": types.DeleteWatchlistDocument,
    "mutation CreateWebhook($url: String!) { createWebhook(url: $url) { secret webhook { id } } }": types.CreateWebhookDocument,
    "mutation PauseWebhook($id: ID!) { pauseWebhook(id: $id) { id state } }": types.PauseWebhookDocument,
    "mutation ResumeWebhook($id: ID!) { resumeWebhook(id: $id) { id state } }": types.ResumeWebhookDocument,
    "mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }": types.DeleteWebhookDocument,
    "mutation UploadInvoice($file: Upload!) { uploadInvoice(file: $file) { id status filename uploadedAt } }": types.UploadInvoiceDocument,
    "subscription DocumentProcessed { documentProcessed { id status filename errorCode uploadedAt } }": types.DocumentProcessedDocument,
    "query RecentDocuments { documents(first: 10) { nodes { id status filename errorCode uploadedAt } } }": types.RecentDocumentsDocument,
    "\n  query Draft($id: ID!) {\n    document(id: $id) {\n      id\n      status\n      filename\n      contentType\n      errorCode\n      errorMessage\n      invoiceId\n      draft {\n        debtorName { value confidence needsReview box { page x y width height } }\n        debtorVat { value confidence needsReview box { page x y width height } }\n        invoiceNumber { value confidence needsReview box { page x y width height } }\n        issueDate { value confidence needsReview box { page x y width height } }\n        dueDate { value confidence needsReview box { page x y width height } }\n        totalAmount { value confidence needsReview box { page x y width height } }\n        sellerName { value confidence needsReview box { page x y width height } }\n        sellerIsMember\n      }\n    }\n  }\n": types.DraftDocument,
    "mutation ConfirmInvoice($id: ID!, $fix: InvoiceCorrectionsInput) { confirmInvoice(documentId: $id, corrections: $fix) { id invoiceNumber } }": types.ConfirmInvoiceDocument,
    "mutation RejectDocument($id: ID!) { rejectDocument(documentId: $id) { id status } }": types.RejectDocumentDocument,
    "\n  query Debtor($vat: String!) {\n    company(vat: $vat) {\n      vat\n      country\n      name\n      sector\n      trend\n      creditLimit { advised amount { amount currency } }\n      riskProfile {\n        score\n        level\n        trend\n        confidence\n        asOf\n        avgDaysToPay\n        avgDaysLate\n        daysBeyondTerms\n        lateShare\n        oldestOverdueDays\n        supplierCount\n        invoiceCount\n        invoiceCountBand { lower upper }\n        countDisclosure\n        factors { reason points value sentence }\n      }\n      scoreHistory(period: MONTH) { periodStart score level minScore maxScore }\n      benchmark {\n        section\n        division\n        placements {\n          scope\n          withheld\n          asked { name }\n          measures { measure known value betterThan group { median group { name } } }\n        }\n      }\n    }\n  }\n": types.DebtorDocument,
    "\n  query DebtorMember($vat: String!) {\n    company(vat: $vat) {\n      vat\n      predictedPayments { invoiceId dueDate outstanding { amount currency } expected early late }\n      actionPlan {\n        level\n        advice\n        law\n        reminder { step outstanding { amount currency } lateInterest { amount currency } compensation { amount currency } }\n        invoices {\n          invoiceId\n          dueDate\n          outstanding { amount currency }\n          daysOverdue\n          step\n          nextStep\n          nextStepDate\n          lateInterest { amount currency }\n          compensation { amount currency }\n          interestRate\n        }\n      }\n    }\n    invoices(first: 100, filter: { debtorVat: $vat, statuses: [OPEN, PARTIALLY_PAID] }) {\n      nodes { id invoiceNumber }\n    }\n  }\n": types.DebtorMemberDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard {\n    dashboard(debtors: 8, activity: 8) {\n      asOf\n      openInvoices\n      outstanding { amount currency }\n      overdueInvoices\n      overdue { amount currency }\n      disputedInvoices\n      debtorCount\n      ageing { label fromDays toDays count amount { amount currency } }\n      dso { days method invoiced90Days { amount currency } }\n      debtors { company { vat } name openInvoices outstanding { amount currency } overdue { amount currency } oldestOverdueDays }\n      riskyDebtors { score level exposure { company { vat } name outstanding { amount currency } oldestOverdueDays } }\n      recentActivity { kind invoiceId invoiceNumber debtorName debtor { vat } amount { amount currency } at }\n      paymentBehaviour { paidInvoices avgDaysToPay avgDaysLate lateShare }\n      sectorComparison { yourDaysToPay sectorMedianDaysToPay distribution { group { name } } }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard {\n    dashboard(debtors: 8, activity: 8) {\n      asOf\n      openInvoices\n      outstanding { amount currency }\n      overdueInvoices\n      overdue { amount currency }\n      disputedInvoices\n      debtorCount\n      ageing { label fromDays toDays count amount { amount currency } }\n      dso { days method invoiced90Days { amount currency } }\n      debtors { company { vat } name openInvoices outstanding { amount currency } overdue { amount currency } oldestOverdueDays }\n      riskyDebtors { score level exposure { company { vat } name outstanding { amount currency } oldestOverdueDays } }\n      recentActivity { kind invoiceId invoiceNumber debtorName debtor { vat } amount { amount currency } at }\n      paymentBehaviour { paidInvoices avgDaysToPay avgDaysLate lateShare }\n      sectorComparison { yourDaysToPay sectorMedianDaysToPay distribution { group { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchCompanies($q: String!) {\n    searchCompanies(query: $q, first: 20) {\n      vat\n      country\n      name\n      sector\n      riskProfile { score level }\n    }\n  }\n"): (typeof documents)["\n  query SearchCompanies($q: String!) {\n    searchCompanies(query: $q, first: 20) {\n      vat\n      country\n      name\n      sector\n      riskProfile { score level }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportJobs {\n    importJobs(first: 10) {\n      nodes { id kind status filename rowsDone accepted rejected progress errorCode createdAt }\n    }\n  }\n"): (typeof documents)["\n  query ImportJobs {\n    importJobs(first: 10) {\n      nodes { id kind status filename rowsDone accepted rejected progress errorCode createdAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ImportProgress($id: ID!) {\n    importProgress(id: $id) {\n      id kind status filename rowsDone accepted rejected progress errorCode createdAt\n      errors(first: 50) { line code message }\n    }\n  }\n"): (typeof documents)["\n  subscription ImportProgress($id: ID!) {\n    importProgress(id: $id) {\n      id kind status filename rowsDone accepted rejected progress errorCode createdAt\n      errors(first: 50) { line code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImportCsv($file: Upload!, $kind: ImportKind!) { importCsv(file: $file, kind: $kind) { id status filename } }"): (typeof documents)["mutation ImportCsv($file: Upload!, $kind: ImportKind!) { importCsv(file: $file, kind: $kind) { id status filename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImportEInvoice($file: Upload!) { importEInvoice(file: $file) { creditNote syntax notes invoice { id invoiceNumber } } }"): (typeof documents)["mutation ImportEInvoice($file: Upload!) { importEInvoice(file: $file) { creditNote syntax notes invoice { id invoiceNumber } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          invoiceNumber\n          debtorName\n          debtor { vat }\n          issueDate\n          dueDate\n          amount { amount currency }\n          paidAmount { amount currency }\n          creditedAmount { amount currency }\n          disputed\n          disputeReason\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Invoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          status\n          invoiceNumber\n          debtorName\n          debtor { vat }\n          issueDate\n          dueDate\n          amount { amount currency }\n          paidAmount { amount currency }\n          creditedAmount { amount currency }\n          disputed\n          disputeReason\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Pay($input: RecordPaymentInput!) { recordPayment(input: $input) { id status paidAmount { amount currency } paidDate } }"): (typeof documents)["mutation Pay($input: RecordPaymentInput!) { recordPayment(input: $input) { id status paidAmount { amount currency } paidDate } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Credit($id: ID!, $amount: Decimal!, $number: String!) { creditInvoice(invoiceId: $id, amount: $amount, creditNoteNumber: $number) { id status creditedAmount { amount currency } } }"): (typeof documents)["mutation Credit($id: ID!, $amount: Decimal!, $number: String!) { creditInvoice(invoiceId: $id, amount: $amount, creditNoteNumber: $number) { id status creditedAmount { amount currency } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Correct($id: ID!, $amount: Decimal, $dueDate: Date) { correctInvoice(invoiceId: $id, amount: $amount, dueDate: $dueDate) { id amount { amount currency } dueDate } }"): (typeof documents)["mutation Correct($id: ID!, $amount: Decimal, $dueDate: Date) { correctInvoice(invoiceId: $id, amount: $amount, dueDate: $dueDate) { id amount { amount currency } dueDate } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Dispute($id: ID!, $reason: String!) { disputeInvoice(invoiceId: $id, reason: $reason) { id disputed disputeReason } }"): (typeof documents)["mutation Dispute($id: ID!, $reason: String!) { disputeInvoice(invoiceId: $id, reason: $reason) { id disputed disputeReason } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Resolve($id: ID!) { resolveDispute(invoiceId: $id) { id disputed } }"): (typeof documents)["mutation Resolve($id: ID!) { resolveDispute(invoiceId: $id) { id disputed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerFeed {\n    watchlists { id name minLevel minScoreMove countries sectors vatCount createdAt }\n    webhooks { id url digestSeconds state pausedReason failures lastError lastSuccessAt pending deadLetters createdAt }\n  }\n"): (typeof documents)["\n  query PartnerFeed {\n    watchlists { id name minLevel minScoreMove countries sectors vatCount createdAt }\n    webhooks { id url digestSeconds state pausedReason failures lastError lastSuccessAt pending deadLetters createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateWatchlist($input: WatchlistInput!) { createWatchlist(input: $input) { added rejectedCount rejected { line value message } watchlist { id } } }"): (typeof documents)["mutation CreateWatchlist($input: WatchlistInput!) { createWatchlist(input: $input) { added rejectedCount rejected { line value message } watchlist { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteWatchlist($id: ID!) { deleteWatchlist(id: $id) }"): (typeof documents)["mutation DeleteWatchlist($id: ID!) { deleteWatchlist(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateWebhook($url: String!) { createWebhook(url: $url) { secret webhook { id } } }"): (typeof documents)["mutation CreateWebhook($url: String!) { createWebhook(url: $url) { secret webhook { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PauseWebhook($id: ID!) { pauseWebhook(id: $id) { id state } }"): (typeof documents)["mutation PauseWebhook($id: ID!) { pauseWebhook(id: $id) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResumeWebhook($id: ID!) { resumeWebhook(id: $id) { id state } }"): (typeof documents)["mutation ResumeWebhook($id: ID!) { resumeWebhook(id: $id) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }"): (typeof documents)["mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UploadInvoice($file: Upload!) { uploadInvoice(file: $file) { id status filename uploadedAt } }"): (typeof documents)["mutation UploadInvoice($file: Upload!) { uploadInvoice(file: $file) { id status filename uploadedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription DocumentProcessed { documentProcessed { id status filename errorCode uploadedAt } }"): (typeof documents)["subscription DocumentProcessed { documentProcessed { id status filename errorCode uploadedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RecentDocuments { documents(first: 10) { nodes { id status filename errorCode uploadedAt } } }"): (typeof documents)["query RecentDocuments { documents(first: 10) { nodes { id status filename errorCode uploadedAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Draft($id: ID!) {\n    document(id: $id) {\n      id\n      status\n      filename\n      contentType\n      errorCode\n      errorMessage\n      invoiceId\n      draft {\n        debtorName { value confidence needsReview box { page x y width height } }\n        debtorVat { value confidence needsReview box { page x y width height } }\n        invoiceNumber { value confidence needsReview box { page x y width height } }\n        issueDate { value confidence needsReview box { page x y width height } }\n        dueDate { value confidence needsReview box { page x y width height } }\n        totalAmount { value confidence needsReview box { page x y width height } }\n        sellerName { value confidence needsReview box { page x y width height } }\n        sellerIsMember\n      }\n    }\n  }\n"): (typeof documents)["\n  query Draft($id: ID!) {\n    document(id: $id) {\n      id\n      status\n      filename\n      contentType\n      errorCode\n      errorMessage\n      invoiceId\n      draft {\n        debtorName { value confidence needsReview box { page x y width height } }\n        debtorVat { value confidence needsReview box { page x y width height } }\n        invoiceNumber { value confidence needsReview box { page x y width height } }\n        issueDate { value confidence needsReview box { page x y width height } }\n        dueDate { value confidence needsReview box { page x y width height } }\n        totalAmount { value confidence needsReview box { page x y width height } }\n        sellerName { value confidence needsReview box { page x y width height } }\n        sellerIsMember\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConfirmInvoice($id: ID!, $fix: InvoiceCorrectionsInput) { confirmInvoice(documentId: $id, corrections: $fix) { id invoiceNumber } }"): (typeof documents)["mutation ConfirmInvoice($id: ID!, $fix: InvoiceCorrectionsInput) { confirmInvoice(documentId: $id, corrections: $fix) { id invoiceNumber } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectDocument($id: ID!) { rejectDocument(documentId: $id) { id status } }"): (typeof documents)["mutation RejectDocument($id: ID!) { rejectDocument(documentId: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Debtor($vat: String!) {\n    company(vat: $vat) {\n      vat\n      country\n      name\n      sector\n      trend\n      creditLimit { advised amount { amount currency } }\n      riskProfile {\n        score\n        level\n        trend\n        confidence\n        asOf\n        avgDaysToPay\n        avgDaysLate\n        daysBeyondTerms\n        lateShare\n        oldestOverdueDays\n        supplierCount\n        invoiceCount\n        invoiceCountBand { lower upper }\n        countDisclosure\n        factors { reason points value sentence }\n      }\n      scoreHistory(period: MONTH) { periodStart score level minScore maxScore }\n      benchmark {\n        section\n        division\n        placements {\n          scope\n          withheld\n          asked { name }\n          measures { measure known value betterThan group { median group { name } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Debtor($vat: String!) {\n    company(vat: $vat) {\n      vat\n      country\n      name\n      sector\n      trend\n      creditLimit { advised amount { amount currency } }\n      riskProfile {\n        score\n        level\n        trend\n        confidence\n        asOf\n        avgDaysToPay\n        avgDaysLate\n        daysBeyondTerms\n        lateShare\n        oldestOverdueDays\n        supplierCount\n        invoiceCount\n        invoiceCountBand { lower upper }\n        countDisclosure\n        factors { reason points value sentence }\n      }\n      scoreHistory(period: MONTH) { periodStart score level minScore maxScore }\n      benchmark {\n        section\n        division\n        placements {\n          scope\n          withheld\n          asked { name }\n          measures { measure known value betterThan group { median group { name } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DebtorMember($vat: String!) {\n    company(vat: $vat) {\n      vat\n      predictedPayments { invoiceId dueDate outstanding { amount currency } expected early late }\n      actionPlan {\n        level\n        advice\n        law\n        reminder { step outstanding { amount currency } lateInterest { amount currency } compensation { amount currency } }\n        invoices {\n          invoiceId\n          dueDate\n          outstanding { amount currency }\n          daysOverdue\n          step\n          nextStep\n          nextStepDate\n          lateInterest { amount currency }\n          compensation { amount currency }\n          interestRate\n        }\n      }\n    }\n    invoices(first: 100, filter: { debtorVat: $vat, statuses: [OPEN, PARTIALLY_PAID] }) {\n      nodes { id invoiceNumber }\n    }\n  }\n"): (typeof documents)["\n  query DebtorMember($vat: String!) {\n    company(vat: $vat) {\n      vat\n      predictedPayments { invoiceId dueDate outstanding { amount currency } expected early late }\n      actionPlan {\n        level\n        advice\n        law\n        reminder { step outstanding { amount currency } lateInterest { amount currency } compensation { amount currency } }\n        invoices {\n          invoiceId\n          dueDate\n          outstanding { amount currency }\n          daysOverdue\n          step\n          nextStep\n          nextStepDate\n          lateInterest { amount currency }\n          compensation { amount currency }\n          interestRate\n        }\n      }\n    }\n    invoices(first: 100, filter: { debtorVat: $vat, statuses: [OPEN, PARTIALLY_PAID] }) {\n      nodes { id invoiceNumber }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;