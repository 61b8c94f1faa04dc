"""JUnit XML: CI systems that show test reports (GitLab, Jenkins, Azure) show findings as failed cases."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from coach.interop.render.files import CheckedFile, LineIndex, item_name


def render_junit(files: list[CheckedFile]) -> str:
    """One test suite per file; each finding a failed test case, a clean file one passed case."""
    root = ET.Element("testsuites", name="okr-coach")
    total = failures = 0
    for checked in files:
        findings = checked.response.findings
        suite = ET.SubElement(root, "testsuite", name=checked.label, tests=str(max(len(findings), 1)),
                              failures=str(len(findings)), errors="0", skipped="0")
        lines = LineIndex(checked.source)
        for finding in findings:
            region = lines.region(finding)
            where = f"{region.start_line}:{region.start_column}" if region else item_name(finding)
            case = ET.SubElement(suite, "testcase", classname=checked.label, name=f"{finding.rule} at {where}",
                                 file=checked.label)
            if region:
                case.set("line", str(region.start_line))
            failure = ET.SubElement(case, "failure", type=finding.severity, message=finding.message)
            failure.text = f"{checked.label}:{where}: {finding.severity} [{finding.rule}] {finding.message}\n" \
                           f"hint: {finding.hint}"
        if not findings:
            ET.SubElement(suite, "testcase", classname=checked.label, name="okr-coach", file=checked.label)
        total += max(len(findings), 1)
        failures += len(findings)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
