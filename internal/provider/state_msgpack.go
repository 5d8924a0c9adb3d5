package provider

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	msgpack "github.com/vmihailenco/msgpack/v5"
)

// This file writes a data source's state in Terraform's wire encoding (msgpack) straight from the client's
// images, as tfprotov6.NewDynamicValue would write terraformValue(): objects as maps with their attribute names
// sorted, numbers as tftypes writes them. TestFastPath_MatchesFramework holds it to the framework byte for byte.

// msgpack encodes the state. Small attributes (filters, id) go through tftypes; only the images are written field
// by field.
func (r *readResult[I]) msgpack() ([]byte, error) {
	var buf bytes.Buffer
	// Room for the usual size up front: growing a buffer of many megabytes by doubling copies it again and again.
	buf.Grow(4096 + 32*len(r.ids) + 1536*len(r.images))
	enc := msgpack.NewEncoder(&buf) // writes straight into buf, so buf.Write may interleave with it
	names := make([]string, 0, len(r.typ.AttributeTypes))
	for name := range r.typ.AttributeTypes {
		names = append(names, name)
	}
	slices.Sort(names)
	fields := sortedFields(r.fields)
	if err := enc.EncodeMapLen(len(names)); err != nil {
		return nil, err
	}
	for _, name := range names {
		if err := enc.EncodeString(name); err != nil {
			return nil, err
		}
		var err error
		switch v, ok := r.values[name]; {
		case ok:
			var small tfprotov6.DynamicValue
			if small, err = tfprotov6.NewDynamicValue(r.typ.AttributeTypes[name], v); err == nil {
				_, err = buf.Write(small.MsgPack)
			}
		case name == "image" && r.picked != nil:
			err = writeObject(enc, fields, r.picked)
		case name == "ids" && r.ids != nil:
			if err = enc.EncodeArrayLen(len(r.ids)); err == nil {
				for _, img := range r.ids {
					if err = enc.EncodeString(r.key(img).ID); err != nil {
						break
					}
				}
			}
		case name == "images" && r.images != nil:
			if err = enc.EncodeArrayLen(len(r.images)); err == nil {
				for _, img := range r.images {
					if err = writeObject(enc, fields, img); err != nil {
						break
					}
				}
			}
		default:
			err = fmt.Errorf("no value for %s", name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return buf.Bytes(), nil
}

// writeObject writes img as an object of fields, which must be sorted by name.
func writeObject[I any](enc *msgpack.Encoder, fields []imageField[I], img *I) error {
	if err := enc.EncodeMapLen(len(fields)); err != nil {
		return err
	}
	for _, f := range fields {
		if err := enc.EncodeString(f.fieldName()); err != nil {
			return err
		}
		if err := f.writeMsgpack(enc, img); err != nil {
			return fmt.Errorf("%s: %w", f.fieldName(), err)
		}
	}
	return nil
}

// sortedFields orders fields by name, as tftypes orders an object's attributes on the wire.
func sortedFields[I any](fields []imageField[I]) []imageField[I] {
	sorted := slices.Clone(fields)
	slices.SortFunc(sorted, func(a, b imageField[I]) int { return strings.Compare(a.fieldName(), b.fieldName()) })
	return sorted
}

func writeStrings(enc *msgpack.Encoder, values []string) error {
	if err := enc.EncodeArrayLen(len(values)); err != nil {
		return err
	}
	for _, v := range values {
		if err := enc.EncodeString(v); err != nil {
			return err
		}
	}
	return nil
}

// writeNumber is tftypes' encoding of a number: an integer when exact, else a float64 when exact, else text.
func writeNumber(enc *msgpack.Encoder, n *big.Float) error {
	switch {
	case n.IsInf():
		return enc.EncodeFloat64(math.Inf(n.Sign()))
	}
	if i, acc := n.Int64(); acc == big.Exact {
		return enc.EncodeInt(i)
	}
	if f, acc := n.Float64(); acc == big.Exact && !n.IsInt() {
		return enc.EncodeFloat64(f)
	}
	return enc.EncodeString(n.Text('f', -1))
}
