/**
 * `chainrule/node`: what needs Node's files and processes: grading a folder of submissions (read as an autograder
 * must), running formula files, and self-contained HTML (KaTeX's stylesheet and fonts inlined).
 */
export { gradeClass, gradeFile, submissionFiles, fallbackName } from './node/grade-class.js';
export { findSubmissions, readSubmission, decodeText, type SubmissionFile, type FoundSubmissions, type SubmissionText } from './node/submissions.js';
export { formulaFiles, runFormulaFiles, readFormulaFile } from './node/formulas.js';
export { katexStylesheet, renderStandaloneHtml as renderHtml } from './node/katex.js';
