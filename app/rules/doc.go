// Package rules turns a case into its checklist and timeline.
//
// Procedures, documents, conditions, holidays and transfer orders are data:
// an embedded rules file (assets/rules/rules.json) that a newer file can
// override section by section. Every item and every clause carries its legal
// source, the dates it is in force and how sure we are of it (official,
// practice, assumption), so the interface can always answer "why?".
//
// Checklist and Timeline are pure functions of (case, rules): same inputs,
// same answer, which is what makes them testable and explainable.
package rules
