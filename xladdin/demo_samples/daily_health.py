"""Sample reports for the daily health workbook: Account Health paste, Business Report by date, MYI and a
Business Report by child item (deterministic, invented values; Amazon's header rows and value formats)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from xladdin.demo import DAYS, PERIOD_START, write_business_report, write_myi

BY_DATE_HEADER = ["Date", "Ordered Product Sales", "Units Ordered", "Total Order Items", "Sessions - Total",
                  "Page Views - Total", "Featured Offer (Buy Box) Percentage", "Unit Session Percentage"]


def _by_date(path: Path) -> Path:
    """Business Report by date over the demo period; conversion drifts below 10 % in the last 8 days."""
    rows = []
    for day in range(DAYS):
        d = PERIOD_START + dt.timedelta(days=day)
        sessions = 3200 + (day * 37) % 410
        cvr = 0.118 - (0.03 if day >= DAYS - 8 else 0) + ((day * 7) % 5) * 0.001
        units = round(sessions * cvr)
        bb = 0.97 - (0.06 if day == DAYS - 1 else 0) - ((day * 3) % 4) * 0.002
        rows.append([d.strftime("%m/%d/%y"), f"${units * 21.37:,.2f}", f"{units:,}", f"{round(units * 0.95):,}",
                     f"{sessions:,}", f"{round(sessions * 1.6):,}", f"{bb * 100:.2f}%", f"{units / sessions * 100:.2f}%"])
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(BY_DATE_HEADER)
        w.writerows(rows)
    return path


def _health(path: Path) -> Path:
    """The metric | value | target columns copied from Account Health (LSR above target)."""
    path.write_text("Account Health,\nMetric,Value,Target\nOrder Defect Rate,0.42%,< 1%\nLate Shipment Rate,4.60%,< 4%\n"
                    "Pre-fulfillment Cancel Rate,0.30%,< 2.5%\nValid Tracking Rate,98.70%,> 95%\n"
                    "Account Health Rating,212,\n", encoding="utf-8")
    return path


def sample_reports(folder: Path) -> list[Path]:
    folder = Path(folder)
    end = PERIOD_START + dt.timedelta(days=DAYS - 1)
    return [_health(folder / f"AccountHealth-{end:%Y-%m-%d}.csv"),
            _by_date(folder / f"BusinessReport-ByDate-{PERIOD_START:%Y%m%d}-{end:%Y%m%d}.csv"),
            write_myi(folder / f"Manage FBA Inventory-{end:%Y-%m-%d}.txt"),
            write_business_report(folder)]
