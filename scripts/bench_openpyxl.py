#!/usr/bin/python3
"""Write ROWS rows of the schedule's shape (13 columns: numbers, text, two
date cells with dd.mm.yyyy, a formula) with openpyxl in write-only mode and
report the seconds from creating the workbook to the end of save(): wall
time, then the CPU time of the process over the same span."""
import datetime
import sys
import time

import openpyxl
from openpyxl.cell import WriteOnlyCell

rows, out = int(sys.argv[1]), sys.argv[2]
start, cpu_start = time.perf_counter(), time.process_time()
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("График")
ws.append(["№", "Сотрудник", "Работодатель", "БИН", "Гражданство", "Документ / событие", "Номер",
           "Истекает / срок", "Осталось дней", "Начать оформление", "Нужна дактилоскопия", "Дело",
           "Предупреждения"])
base = datetime.date(2026, 11, 25)
for i in range(rows):
    r = i + 2
    due = WriteOnlyCell(ws, value=base + datetime.timedelta(days=i % 400))
    due.number_format = "dd.mm.yyyy"
    start_by = WriteOnlyCell(ws, value=base + datetime.timedelta(days=i % 400 - 28))
    start_by.number_format = "dd.mm.yyyy"
    ws.append([i + 1, "Каримов Азиз %d" % i, "ТОО «Пример»", "940140000385", "UZ", "РВП", "РВП-%06d" % i,
               due, "=H%d-TODAY()" % r, start_by, "да" if i % 5 == 0 else "", "",
               "РВП не может действовать дольше паспорта" if i % 7 == 0 else ""])
wb.save(out)
print("%.3f %.3f" % (time.perf_counter() - start, time.process_time() - cpu_start))
