namespace Rait.Evaluation.Report;

/// <summary>The report's inline stylesheet: system fonts only (nothing is downloaded), print-friendly.</summary>
internal static class HtmlReportStyle
{
    public const string Css = """
        :root{--ink:#1d2330;--muted:#5b6473;--rule:#d9dde3;--soft:#f5f7fa;--accent:#0b5cad;--best:#e3f4ea}
        *{box-sizing:border-box}
        body{margin:0;background:#fff;color:var(--ink);font:15px/1.5 "DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif}
        main{max-width:1100px;margin:0 auto;padding:28px 32px 48px}
        header{border-bottom:3px solid var(--accent);padding-bottom:14px;margin-bottom:18px}
        .kicker{margin:0;color:var(--accent);font-weight:bold;letter-spacing:.08em;text-transform:uppercase;font-size:12px}
        h1{margin:4px 0 6px;font-size:28px}
        h2{font-size:20px;margin:34px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--rule)}
        .meta{margin:0;color:var(--muted)}
        nav ol{margin:0;padding-left:20px;columns:2;color:var(--muted)}
        nav a{color:var(--accent);text-decoration:none}
        .explain{background:var(--soft);border:1px solid var(--rule);border-radius:6px;padding:4px 20px 12px;margin-top:22px}
        .explain h2{border:0;margin-top:14px}
        dl{display:grid;grid-template-columns:130px 1fr;gap:6px 14px;margin:0}
        dt{font-weight:bold}dd{margin:0}
        code{background:#fff;border:1px solid var(--rule);border-radius:3px;padding:0 4px}
        table.methods{border-collapse:collapse;width:100%;margin:10px 0 4px;font-variant-numeric:tabular-nums}
        table.methods caption{text-align:left;font-weight:bold;font-size:16px;padding:6px 0}
        table.methods th,table.methods td{padding:6px 8px;border-bottom:1px solid var(--rule);text-align:right;vertical-align:top}
        table.methods thead th{background:var(--soft);border-bottom:2px solid #aab2bd;font-size:13px;white-space:nowrap}
        table.methods th[scope=row],table.methods thead th:first-child{text-align:left;white-space:nowrap}
        table.methods tr.reference{background:#fafafa;font-style:italic}
        td.best{background:var(--best);font-weight:bold}
        td.verdict-holds{background:var(--best);font-weight:bold}td.verdict-reversed{background:#fbe3e3;font-weight:bold}
        td.na{color:var(--muted)}
        table.methods td.text,table.methods thead th.text{text-align:left;white-space:normal}
        .ci{display:block;color:var(--muted);font-size:11px;font-weight:normal;white-space:nowrap}
        .dir{color:var(--muted);font-weight:normal}
        .tag{font-size:10px;font-style:normal;color:var(--muted);border:1px solid var(--rule);border-radius:3px;padding:0 3px}
        .note{color:var(--muted);font-size:13px;margin:4px 0 12px}
        figure{margin:0}
        .plot{border:1px solid var(--rule);border-radius:6px;padding:8px;display:inline-block;background:#fff;max-width:100%}
        .plot svg{display:block;max-width:100%;height:auto}
        figcaption{color:var(--muted);font-size:13px;margin-top:8px;max-width:860px}
        .placeholder{color:var(--muted);font-style:italic;border:1px dashed var(--rule);padding:16px;border-radius:6px}
        footer{margin-top:40px;color:var(--muted);font-size:12px;border-top:1px solid var(--rule);padding-top:10px}
        @media print{main{max-width:none;padding:0}.figure{break-inside:avoid}nav{display:none}}
        """;
}
