// Package draw is Lanemap's one notation geometry: Build turns a diagram
// into a Scene, a flat, back-to-front list of paths and wrapped texts, each
// tagged with the BPMN element it draws. Every symbol of BPMN 2.0 is drawn
// here and only here; the editor, SVG, PDF, PNG and HTML backends merely
// paint the scene, and hit-testing reads it, so picking can never disagree
// with drawing. Labels are measured and wrapped with the one embedded font
// (package assets), so line breaks match on screen, paper and intranet.
package draw
