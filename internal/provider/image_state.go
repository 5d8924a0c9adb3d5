package provider

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	msgpack "github.com/vmihailenco/msgpack/v5"

	"github.com/imagepick/terraform-provider-imagepick/internal/selection"
)

// This file writes a data source's state: as one Terraform value (terraformValue, the framework's Read) or in
// Terraform's wire encoding straight from the client's images (msgpack, the provider server's direct read), as
// tfprotov6.NewDynamicValue would write terraformValue(): objects as maps with their attribute names sorted,
// numbers as tftypes writes them. TestDirectRead_MatchesFramework holds the two to each other byte for byte.

// readResult is a data source's state before it is encoded: small attributes as Terraform values, the images as
// the client returned them, so that they can be written to msgpack without building a value per attribute.
type readResult[I any] struct {
	typ        tftypes.Object
	values     map[string]tftypes.Value // every attribute but ids, images and image
	fields     []imageField[I]
	selected   []*I // the selected images, in order: ids (and images); nil in the exactly-one form
	withImages bool // the list form: images too
	picked     *I   // the image attribute of the exactly-one form
	key        func(*I) selection.Key
}

// terraformValue is the state as one Terraform value, for the framework's Read.
func (r *readResult[I]) terraformValue() (tftypes.Value, error) {
	state := make(map[string]tftypes.Value, len(r.typ.AttributeTypes))
	for name, v := range r.values {
		state[name] = v
	}
	imageType := objectType(r.fields)
	if r.picked != nil {
		state["image"] = objectValue(imageType, r.fields, r.picked)
	}
	if r.selected != nil {
		ids := make([]string, len(r.selected))
		for i, img := range r.selected {
			ids[i] = r.key(img).ID
		}
		state["ids"] = stringList(ids)
	}
	if r.withImages {
		elems := make([]tftypes.Value, len(r.selected))
		for i, img := range r.selected {
			elems[i] = objectValue(imageType, r.fields, img)
		}
		state["images"] = tftypes.NewValue(tftypes.List{ElementType: imageType}, elems)
	}
	if err := tftypes.ValidateValue(r.typ, state); err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(r.typ, state), nil
}

// msgpack encodes the state. Small attributes (filters, id) go through tftypes; only the images are written field
// by field.
func (r *readResult[I]) msgpack() ([]byte, error) {
	var buf bytes.Buffer
	// Room for the IDs up front; the images' room is sized from the first one (below), since growing a buffer of
	// many megabytes by doubling copies it again and again, and a guess too large holds memory for nothing.
	buf.Grow(4096 + 32*len(r.selected))
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
		case name == "ids" && r.selected != nil:
			if err = enc.EncodeArrayLen(len(r.selected)); err == nil {
				for _, img := range r.selected {
					if err = enc.EncodeString(r.key(img).ID); err != nil {
						break
					}
				}
			}
		case name == "images" && r.withImages:
			if err = enc.EncodeArrayLen(len(r.selected)); err == nil {
				for i, img := range r.selected {
					start := buf.Len()
					if err = writeObject(enc, fields, img); err != nil {
						break
					}
					if i == 0 { // the others are about this size; an eighth more for longer names and lists
						buf.Grow((buf.Len() - start) * (len(r.selected) - 1) * 9 / 8)
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
	if n.IsInf() {
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
