/**
 * chainrule's library: one function per command, each taking text and returning data (src/api.ts), and the renderers
 * that turn the data into text, JSON, Markdown, LaTeX or HTML. It reads no files and runs in a browser; file and
 * process work is in `chainrule/node`, and the engines (graph, tape, differentiator, …) are in `chainrule/engines`.
 */
export { check, diff, gradient, grade, isNetworkSpec, isTensorProgram, jacobianShapes, matrixDiff, mlp, problemSet, program, shapes, solve, trace, type ExpressionOptions, type GradientResult, type MlpOptions } from './api.js';
export { checkDocument, documentReport, type DocumentReport } from './check/documents.js';
export { documentFormat, readDocument, type DocumentFormat, type MathDocument } from './syntax/documents.js';
export { checkDerivative } from './check/derivative.js';
export { InputError, formatError, type ErrorKind } from './errors.js';

export type { DiffResult, DiffOptions } from './check/diff.js';
export type { CheckOptions, ClaimResult, ClaimsReport, LineError, Verdict } from './check/results.js';
export type { GradeOptions, StudentGrade, PartGrade, AskGrade } from './check/grade.js';
export type { Problem, ProblemSet, Part, Ask } from './check/problems.js';
export type { Trace, TraceNode, TraceEdge, GatePattern } from './explain/trace.js';
export type { ProblemSolution, AskSolution } from './explain/solve.js';
export type { MatrixSolution } from './explain/solve-matrix.js';
export type { MatrixDiff, MatrixResult } from './check/matrix-diff.js';
export type { ShapesReport, Layout } from './explain/shapes.js';
export type { MlpReport } from './explain/mlp.js';
export type { Doc, Block, Inline } from './explain/document.js';
export type { Derivation, DerivationStep } from './explain/steps.js';
export type { Program, Point } from './graph/program.js';
export type { MistakeKind } from './check/mistakes.js';

// rendering: the command line's outputs, and documents in every format
export { renderCheck, checkJson } from './render/check.js';
export { renderDiff, type DiffFormat } from './render/diff.js';
export { renderMatrixDiff } from './render/matrix-diff.js';
export { renderJacobianShapes, jacobianShapesJson } from './render/jacobian-shapes.js';
export { renderDocumentCheck, documentCheckJson, compactDocumentCheck } from './render/document-check.js';
export { gradescopeResults, prairielearnResults } from './render/autograders.js';
export { renderGrad } from './render/grad.js';
export { renderEval } from './render/eval.js';
export { renderGrades, gradeJson, gradesCsv, feedback } from './render/grade.js';
export { renderTests, type Reporter, type FormulaFile } from './render/test-report.js';
export { renderShapesText, shapesJson } from './render/shapes.js';
export { renderTraceText, type TraceTextOptions } from './render/trace-text.js';
export { traceJson } from './explain/trace.js';
export { traceBlocks } from './explain/trace-doc.js';
export { traceDot } from './render/trace-dot.js';
export { renderSvg } from './render/svg.js';
export { derivationsFor } from './explain/steps.js';
export { renderStepsText, renderStepsLatex, stepsJson } from './render/steps.js';
export { solutionDoc, type SolutionOptions, type Picture } from './explain/solution-doc.js';
export { solutionJson } from './explain/solution-json.js';
export { mlpDoc } from './explain/mlp-doc.js';
export { mlpJson } from './explain/mlp-json.js';
export { renderMarkdown } from './render/markdown.js';
export { renderHtml, type HtmlOptions } from './render/html.js';
export { renderLatexDocument } from './render/latex.js';
export { renderText } from './render/text.js';
