# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Insert many records of one model with a few SQL statements.

``bulk_create(model, vals_list)`` is the planning run's replacement for
``model.create(vals_list)`` when tens of thousands of complete, already
rounded rows are created at once (relance.action, see
``relance_action_planning.py`` and ``tests/benchmarks/bench_reminders.py``).

What it does, as ``BaseModel._create`` does:

- checks the create access right before, and the record rules after;
- fills every stored column not given with its default (``default_get``,
  called once for the whole batch: a default that must differ per record,
  such as ``relance.action.uuid``, is given in the values), and the log
  access columns;
- inserts many2many links given as ``Command.set`` in one statement per field
  and invalidates their inverse fields;
- marks the new records as created (``modified(..., create=True)``), so that
  the stored computed fields *not given* are computed by the ORM; the computed
  fields given in the values are protected and kept as given.

What it skips, on purpose:

- every ``create()`` override of the model, in this add-on and in any other
  (``mail.thread``'s creation message and tracking, sequence numbers, a
  module's side effects): a module that must set a value on planned actions
  does it in the values, not in ``create()``;
- conversion of the values: monetary amounts must already be rounded,
  relational values are ids, and only ``Command.set`` is accepted for
  many2many fields.

How a module adds a value: override the method that builds the values
(``relance.action._prepare_level_vals``) through ``super()`` and add the key
to each dict; a new field of the module that is absent from the values gets
its default.

Values naming a field that has no column and is not a many2many (one2many,
non-stored or related fields) raise ``ValueError``: the bulk path would
silently drop them.
"""

from odoo import fields, models
from odoo.tools import SQL


def bulk_create(model, vals_list):
    """Create the records of ``vals_list`` on ``model`` in bulk; return them."""
    if not vals_list:
        return model.browse()
    model.check_access("create")
    given = {name for vals in vals_list for name in vals}
    columns, links = _split_fields(model, given)
    defaults = model.default_get(
        [
            name
            for name, field in model._fields.items()
            if field.store
            and field.column_type
            and name not in given
            and name not in models.MAGIC_COLUMNS
        ]
    )
    columns += [model._fields[name] for name in sorted(defaults)]
    records = _insert_rows(model, columns, vals_list, defaults)
    for field in links:
        _insert_links(model, field, records, vals_list)
    given_computed = [
        model._fields[name] for name in given if model._fields[name].compute
    ]
    with model.env.protecting(given_computed, records):
        records.modified(model._fields, create=True)
    records.check_access("create")  # record rules, as after any create
    return records


def _split_fields(model, names):
    """Column fields and many2many fields among ``names``, in a stable order."""
    columns, links = [], []
    for name in sorted(names):
        field = model._fields[name]
        if field.type == "many2many" and field.store:
            links.append(field)
        elif field.store and field.column_type and name not in models.MAGIC_COLUMNS:
            columns.append(field)
        else:
            raise ValueError(f"bulk_create: {field} has no column to insert")
    return columns, links


def _converter(model, field):
    """Function turning a value of ``field`` into its column value: the
    common planning types directly, the others through the field."""
    if field.type == "monetary":  # rounded by the caller
        return lambda value: float(value or 0.0)
    if field.type in ("many2one", "integer"):
        return lambda value: value or None
    if field.type == "boolean":
        return bool
    if field.type == "selection" or (
        field.type == "char" and not field.translate and not field.size
    ):
        return lambda value: None if value is None or value is False else value
    return lambda value: field.convert_to_column_insert(value, model)


def _insert_rows(model, columns, vals_list, defaults):
    """One ``INSERT … SELECT … FROM unnest(<one array per column>)``: the
    rows travel as a few typed arrays, whatever their count."""
    arrays = []
    for field in columns:
        convert, name = _converter(model, field), field.name
        default = defaults.get(name)
        arrays.append([convert(vals.get(name, default)) for vals in vals_list])
    now, uid = model.env.cr.now(), model.env.uid
    names = [field.name for field in columns] + models.LOG_ACCESS_COLUMNS
    ids = model.env.execute_query(
        SQL(
            "INSERT INTO %s (%s) SELECT *, %s, %s, %s, %s FROM unnest(%s) RETURNING id",
            SQL.identifier(model._table),
            SQL(", ").join(map(SQL.identifier, names)),
            uid,
            now,
            uid,
            now,
            SQL(", ").join(
                SQL("%s::%s[]", array, SQL(field.column_type[1]))
                for field, array in zip(columns, arrays, strict=True)
            ),
        )
    )
    return model.browse(record_id for (record_id,) in ids)


def _insert_links(model, field, records, vals_list):
    links = []
    for record_id, vals in zip(records.ids, vals_list, strict=True):
        for command, __, target_ids in vals.get(field.name, ()):
            if command != fields.Command.SET:
                raise ValueError(f"bulk_create: {field} accepts only Command.set")
            links += [(target_id, record_id) for target_id in target_ids]
    # In the order of the linked records (invoices, journal items), sorted
    # here rather than by PostgreSQL (no sort spilled to disk): each link's
    # foreign key check locks its target row, and a journal larger than
    # PostgreSQL's shared buffers is then read once, not once per action.
    links.sort()
    model.env.cr.execute(
        SQL(
            "INSERT INTO %s (%s, %s) SELECT unnest(%s::int[]), unnest(%s::int[])",
            SQL.identifier(field.relation),
            SQL.identifier(field.column1),
            SQL.identifier(field.column2),
            [record_id for __, record_id in links],
            [target_id for target_id, __ in links],
        )
    )
    for inverse in model.pool.field_inverses[field]:
        model.env[inverse.model_name].invalidate_model([inverse.name])
