// Entry of the single-file offline report: set up the inlined engine first, then the report.
import "./offline-setup.js";
import "./main.js";
