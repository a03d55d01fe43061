//! Parquet export of the mention table (arrow + parquet crates, snappy).

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::db::{Row, Value};
use crate::error::{Result, StoreError};
use crate::export::{ColumnType, MENTION_COLUMNS};
use crate::store::Store;

/// The Arrow schema of the mention table.
pub fn schema() -> Arc<Schema> {
    Arc::new(Schema::new(
        MENTION_COLUMNS
            .iter()
            .map(|(name, ty)| {
                let dt = match ty {
                    ColumnType::Text => DataType::Utf8,
                    ColumnType::Int => DataType::Int64,
                    ColumnType::Real => DataType::Float64,
                };
                Field::new(*name, dt, true)
            })
            .collect::<Vec<_>>(),
    ))
}

fn batch(schema: &Arc<Schema>, rows: &[Row]) -> Result<RecordBatch> {
    let columns: Vec<ArrayRef> = MENTION_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, (_, ty))| -> ArrayRef {
            match ty {
                ColumnType::Text => {
                    let mut b = StringBuilder::new();
                    for r in rows {
                        match &r[i] {
                            Value::Text(s) => b.append_value(s),
                            Value::Int(n) => b.append_value(n.to_string()),
                            _ => b.append_null(),
                        }
                    }
                    Arc::new(b.finish())
                }
                ColumnType::Int => {
                    let mut b = Int64Builder::new();
                    for r in rows {
                        b.append_option(r[i].int());
                    }
                    Arc::new(b.finish())
                }
                ColumnType::Real => {
                    let mut b = Float64Builder::new();
                    for r in rows {
                        b.append_option(r[i].real());
                    }
                    Arc::new(b.finish())
                }
            }
        })
        .collect();
    RecordBatch::try_new(schema.clone(), columns).map_err(|e| StoreError::Export(e.to_string()))
}

pub(crate) fn write<W: Write + Send>(store: &mut Store, out: W, min_confidence: f64) -> Result<usize> {
    let schema = schema();
    let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let err = |e: parquet::errors::ParquetError| StoreError::Export(format!("parquet: {e}"));
    let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(err)?;
    let n = store.mention_pages(min_confidence, |rows| writer.write(&batch(&schema, &rows)?).map_err(err))?;
    writer.close().map_err(err)?;
    Ok(n)
}
